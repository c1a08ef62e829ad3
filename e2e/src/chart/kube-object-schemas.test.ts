// The object validation the chart tests rely on can fail: a wrong type, an unknown kind, a bad name or label and a
// ServiceMonitor without endpoints are each refused, while well-formed objects pass.
import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from './helm-chart.ts';
import { KNOWN_KINDS, validateKubeObject } from './kube-object-schemas.ts';

const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } };
const serviceMonitor: KubeObject = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'operator' },
  spec: {
    selector: { matchLabels: { app: 'x' } },
    endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }],
  },
};

describe('validateKubeObject', () => {
  it('accepts well-formed objects of known kinds', () => {
    expect(() => validateKubeObject(configMap)).not.toThrow();
    expect(() => validateKubeObject(serviceMonitor)).not.toThrow();
  });

  const refused: { desc: string; object: KubeObject; message: string }[] = [
    {
      desc: 'a field of the wrong type',
      object: { ...configMap, data: { a: 1 } },
      message: 'must be string',
    },
    {
      desc: 'a Deployment without its selector',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: {} } },
      message: 'selector',
    },
    {
      desc: 'an unknown kind',
      object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' } },
      message: 'no schema for batch/v1/Job',
    },
    {
      desc: 'a name that is not a DNS subdomain',
      object: { ...configMap, metadata: { name: 'Settings_1' } },
      message: 'metadata.name',
    },
    {
      desc: 'a Service name longer than a DNS label',
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a'.repeat(64) }, spec: {} },
      message: 'DNS label',
    },
    {
      desc: 'a label value longer than 63 characters',
      object: { ...configMap, metadata: { name: 'settings', labels: { version: 'v'.repeat(64) } } },
      message: 'label version',
    },
    {
      desc: 'a ServiceMonitor without endpoints',
      object: { ...serviceMonitor, spec: { selector: { matchLabels: { app: 'x' } }, endpoints: [] } },
      message: 'spec.endpoints',
    },
    {
      desc: 'a ServiceMonitor selecting everything',
      object: { ...serviceMonitor, spec: { selector: {}, endpoints: [{ port: 'metrics' }] } },
      message: 'matchLabels',
    },
    {
      desc: 'a ServiceMonitor interval that is not a duration',
      object: {
        ...serviceMonitor,
        spec: { selector: { matchLabels: { a: 'b' } }, endpoints: [{ port: 'm', interval: '30' }] },
      },
      message: 'Prometheus duration',
    },
  ];
  it.each(refused)('refuses $desc', ({ object, message }) => {
    expect(() => validateKubeObject(object)).toThrow(message);
    expect(() => validateKubeObject(object)).toThrow(expect.objectContaining({ code: 'GC_ERR_KUBE_OBJECT_INVALID' }));
  });

  it('knows the kinds the chart renders', () => {
    expect(KNOWN_KINDS).toEqual(
      expect.arrayContaining(['apps/v1/Deployment', 'v1/ServiceAccount', 'rbac.authorization.k8s.io/v1/ClusterRole']),
    );
  });
});
