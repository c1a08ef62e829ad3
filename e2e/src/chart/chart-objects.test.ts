// `helm template` renders the chart with its defaults and with each value set, every object (and the CRD in
// crds/) validates against Kubernetes' schemas, and the operator's Deployment is what the operator needs: its
// flags parse with the operator's own parser, the pod carries the label the operator's NetworkPolicy admits, it
// runs hardened, and its probes, Service and ServiceMonitor all point at one port.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { parseOperatorConfig } from '../../../operator/src/operator-config.ts';
import { kubeTools } from '../harness/kube-tools.ts';
import { VALUE_SETS, WATCH_NAMESPACE } from './chart-value-sets.ts';
import {
  CHART_DIR,
  chartCrds,
  DEFAULT_NAMESPACE,
  type KubeObject,
  onlyObject,
  renderChart,
  renderNotes,
} from './helm-chart.ts';
import { validateKubeObject } from './kube-object-schemas.ts';

interface Container {
  name: string;
  image: string;
  command: string[];
  args: string[];
  env: { name: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  ports: { name: string; containerPort: number }[];
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  securityContext: Record<string, unknown>;
  volumeMounts: { name: string; mountPath: string }[];
}

interface PodSpec {
  serviceAccountName: string;
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: { name: string; emptyDir?: unknown }[];
  priorityClassName?: string;
  nodeSelector?: Record<string, string>;
}

interface DeploymentShape {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
  };
}

const chartYaml = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as { appVersion: string };

let helm: string;
const rendered = new Map<string, KubeObject[]>();

function objectsOf(name: string): KubeObject[] {
  const objects = rendered.get(name);
  if (objects === undefined) throw new Error(`value set '${name}' was not rendered`);
  return objects;
}

function deploymentOf(objects: readonly KubeObject[]): DeploymentShape & KubeObject {
  return onlyObject(objects, 'Deployment') as DeploymentShape & KubeObject;
}

function operatorContainer(objects: readonly KubeObject[]): Container {
  return deploymentOf(objects).spec.template.spec.containers[0]!;
}

beforeAll(async () => {
  ({ helm } = await kubeTools());
  const renders = await Promise.all(VALUE_SETS.map((set) => renderChart(helm, { values: set.values })));
  for (const [index, set] of VALUE_SETS.entries()) rendered.set(set.name, renders[index]!);
}, 300_000);

describe('helm template helm/gamecluster', () => {
  it.each(VALUE_SETS)('renders only valid objects of known kinds with $name', ({ name }) => {
    const objects = objectsOf(name);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(() => validateKubeObject(object)).not.toThrow();
  });

  it('installs a valid CRD for GameCluster from crds/', () => {
    const crds = chartCrds();
    expect(crds.map((crd) => crd.metadata.name)).toEqual(['gameclusters.gamecluster.io']);
    for (const crd of crds) expect(() => validateKubeObject(crd)).not.toThrow();
  });

  it('renders the operator, its identity, RBAC, metrics Service and dashboards by default', () => {
    const kinds = [...new Set(objectsOf('defaults').map((o) => o.kind))].sort();
    expect(kinds).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'Deployment',
      'Service',
      'ServiceAccount',
    ]);
    for (const object of objectsOf('defaults').filter((o) => !o.kind.startsWith('Cluster'))) {
      expect({ kind: object.kind, namespace: object.metadata.namespace }).toEqual({
        kind: object.kind,
        namespace: DEFAULT_NAMESPACE,
      });
    }
  });

  it('leaves out what each value set turns off, and adds what it turns on', () => {
    const kindsOf = (name: string) => objectsOf(name).map((o) => o.kind);
    expect(kindsOf('defaults')).not.toContain('ServiceMonitor');
    expect(kindsOf('serviceMonitor on')).toContain('ServiceMonitor');
    expect(kindsOf('dashboards off')).not.toContain('ConfigMap');
    expect(kindsOf('rbac off').filter((k) => k.startsWith('ClusterRole') || k === 'ServiceAccount')).toEqual([]);
    expect(deploymentOf(objectsOf('rbac off')).spec.template.spec.serviceAccountName).toBe('ops-operator');
  });

  it('runs two replicas behind a Lease by default, with flags the operator accepts', () => {
    const deployment = deploymentOf(objectsOf('defaults'));
    expect(deployment.spec.replicas).toBe(2);
    const container = operatorContainer(objectsOf('defaults'));
    expect(container.command).toEqual(['node', '--disable-warning=ExperimentalWarning', 'operator/src/main.ts']);
    const config = parseOperatorConfig(container.args, { POD_NAMESPACE: DEFAULT_NAMESPACE });
    expect(config).toMatchObject({
      namespace: '',
      leaderElect: true,
      leaseName: deployment.metadata.name,
      leaseNamespace: DEFAULT_NAMESPACE,
      leaseDurationSeconds: 15,
      metricsPort: container.ports[0]!.containerPort,
      dryRun: false,
    });
    expect(container.env).toContainEqual({
      name: 'POD_NAMESPACE',
      valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
    });
  });

  it('passes watchNamespace and every tuning value to the operator', () => {
    const watching = parseOperatorConfig(operatorContainer(objectsOf('watchNamespace set')).args, {});
    expect(watching.namespace).toBe(WATCH_NAMESPACE);
    const tuned = parseOperatorConfig(operatorContainer(objectsOf('everything set')).args, {});
    expect(tuned).toMatchObject({
      leaderElect: false,
      leaseName: 'games-operator',
      leaseDurationSeconds: 30,
      metricsPort: 9090,
      resyncSeconds: 60,
      workers: 8,
    });
  });

  it('uses the chart appVersion as the default image tag, and the values when set', () => {
    expect(operatorContainer(objectsOf('defaults')).image).toBe(`ghcr.io/gamecluster/operator:${chartYaml.appVersion}`);
    expect(operatorContainer(objectsOf('everything set')).image).toBe(
      'registry.example.test:5000/games/operator:1.2.3',
    );
  });

  it('labels the operator pod app.kubernetes.io/name=gamecluster-operator (the NetworkPolicy admits it by that)', () => {
    for (const { name } of VALUE_SETS) {
      const deployment = deploymentOf(objectsOf(name));
      expect(deployment.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('gamecluster-operator');
      expect(deployment.spec.selector.matchLabels['app.kubernetes.io/name']).toBe('gamecluster-operator');
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    }
  });

  it('runs the operator as a non-root user with a read-only root, no capabilities and the default seccomp profile', () => {
    const pod = deploymentOf(objectsOf('defaults')).spec.template.spec;
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const container = pod.containers[0]!;
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = container.volumeMounts.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('probes /healthz and /readyz on the metrics port, which the Service and ServiceMonitor scrape', () => {
    const objects = objectsOf('everything set');
    const container = operatorContainer(objects);
    expect(container.ports).toEqual([{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }]);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
    const service = onlyObject(objects, 'Service') as KubeObject & {
      spec: { selector: Record<string, string>; ports: { name: string; port: number; targetPort: string }[] };
    };
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' }]);
    expect(deploymentOf(objects).spec.template.metadata.labels).toMatchObject(service.spec.selector);
    const monitor = onlyObject(objects, 'ServiceMonitor') as KubeObject & {
      spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; interval: string }[] };
    };
    expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(monitor.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '15s' }]);
    expect(onlyObject(objectsOf('serviceMonitor on'), 'ServiceMonitor').metadata.labels).toMatchObject({
      release: 'kps',
    });
  });

  it('places the operator pods as the values say', () => {
    const deployment = deploymentOf(objectsOf('everything set'));
    const pod = deployment.spec.template.spec;
    expect(pod.priorityClassName).toBe('system-cluster-critical');
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod).toMatchObject({
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'games', effect: 'NoSchedule' }],
      imagePullSecrets: [{ name: 'regcred' }],
      affinity: { nodeAffinity: expect.anything() },
    });
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'example.test/owner': 'games' });
    expect(onlyObject(objectsOf('everything set'), 'ServiceAccount').metadata.annotations).toEqual({
      'example.test/role': 'operator',
    });
  });

  it('refuses several replicas without leader election, and a ServiceMonitor without its Service', async () => {
    await expect(renderChart(helm, { values: { leaderElection: { enabled: false } } })).rejects.toThrow(
      'replicaCount > 1 needs leaderElection.enabled=true',
    );
    await expect(
      renderChart(helm, { values: { metrics: { service: { enabled: false }, serviceMonitor: { enabled: true } } } }),
    ).rejects.toThrow('metrics.serviceMonitor.enabled needs metrics.service.enabled');
  });
});

describe('NOTES.txt', () => {
  const repositoryRoot = join(CHART_DIR, '..', '..');

  it('says how to apply an example GameCluster, watch it and reach its gate', async () => {
    const notes = await renderNotes(helm);
    expect(notes).toContain('kubectl apply -f examples/gamecluster-arena.yaml');
    expect(notes).toContain('kubectl -A get gc -w');
    expect(notes).toContain('port-forward service/<name>-gate 7350:7350');
    expect(notes).toContain('rollout status deployment/gc-gamecluster-operator');
    expect(notes).not.toContain('<no value>');
  });

  it('names the watched namespace when the operator watches only one', async () => {
    const notes = await renderNotes(helm, { values: { watchNamespace: WATCH_NAMESPACE, rbac: { create: false } } });
    expect(notes).toContain(`kubectl -n ${WATCH_NAMESPACE} get gc -w`);
    expect(notes).toContain(`namespace ${WATCH_NAMESPACE} only`);
    expect(notes).toContain(`this operator watches only ${WATCH_NAMESPACE}: change their metadata.namespace first`);
    expect(notes).toContain('rbac.create=false');
    expect(notes).not.toContain('<no value>');
  });

  it('matches the repository: the examples it names exist in namespace games, and the gate port is the CRD default', () => {
    for (const file of ['examples/gamecluster-arena.yaml', 'examples/gamecluster-production.yaml']) {
      const example = parse(readFileSync(join(repositoryRoot, file), 'utf8')) as {
        kind: string;
        metadata: { namespace: string };
      };
      expect({ file, kind: example.kind, namespace: example.metadata.namespace }).toEqual({
        file,
        kind: 'GameCluster',
        namespace: 'games',
      });
    }
    const crd = chartCrds()[0] as KubeObject & {
      spec: {
        versions: { schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, unknown> } } } } }[];
      };
    };
    const gateService = crd.spec.versions[0]!.schema.openAPIV3Schema.properties.spec.properties.gateService as {
      properties: { port: { default: number } };
    };
    expect(gateService.properties.port.default).toBe(7350);
  });
});
