// The chart's RBAC is exactly the operator's permission list (operator/src/controller/permissions.ts): every
// (group, resource, verb) the controller calls is granted, nothing else is, no rule uses a wildcard, and the
// binding gives those rules to the ServiceAccount the operator's pods run as. (The rules come from
// files/operator-rules.yaml, which `npm run chart:sync` generates from that list; this checks what Helm renders.)
import { beforeAll, describe, expect, it } from '@jest/globals';
import { OPERATOR_PERMISSIONS } from '../../../operator/src/controller/permissions.ts';
import { kubeTools } from '../harness/kube-tools.ts';
import { WATCH_NAMESPACE } from './chart-value-sets.ts';
import { DEFAULT_NAMESPACE, type KubeObject, onlyObject, renderChart } from './helm-chart.ts';
import { type PolicyRule, permissionTriples, ruleProblems, ruleTriples } from './rbac-rules.ts';

type ClusterRoleShape = KubeObject & { rules: PolicyRule[] };
type BindingShape = KubeObject & {
  roleRef: { apiGroup: string; kind: string; name: string };
  subjects: { kind: string; name: string; namespace: string }[];
};

const renders: Record<string, KubeObject[]> = {};

beforeAll(async () => {
  const { helm } = await kubeTools();
  [renders.defaults, renders.watching] = await Promise.all([
    renderChart(helm),
    renderChart(helm, { values: { watchNamespace: WATCH_NAMESPACE } }),
  ]);
}, 300_000);

describe.each([
  { name: 'defaults', key: 'defaults' },
  { name: `watchNamespace=${WATCH_NAMESPACE}`, key: 'watching' },
])('the ClusterRole with $name', ({ key }) => {
  const role = () => onlyObject(renders[key]!, 'ClusterRole') as ClusterRoleShape;

  it('grants every (group, resource, verb) the operator calls', () => {
    const granted = new Set(ruleTriples(role().rules));
    const missing = permissionTriples(OPERATOR_PERMISSIONS).filter((t) => !granted.has(t));
    expect({ missing }).toEqual({ missing: [] });
  });

  it('grants nothing the operator does not call', () => {
    const needed = new Set(permissionTriples(OPERATOR_PERMISSIONS));
    const extra = ruleTriples(role().rules).filter((t) => !needed.has(t));
    expect({ extra }).toEqual({ extra: [] });
  });

  it('has no wildcard, non-resource URL, resourceNames limit or empty rule', () => {
    expect(ruleProblems(role().rules)).toEqual([]);
  });
});

describe('the ClusterRoleBinding', () => {
  it("binds the operator's ClusterRole to the ServiceAccount its pods run as, in the release namespace", () => {
    const objects = renders.defaults!;
    const role = onlyObject(objects, 'ClusterRole');
    const binding = onlyObject(objects, 'ClusterRoleBinding') as BindingShape;
    const account = onlyObject(objects, 'ServiceAccount');
    const deployment = onlyObject(objects, 'Deployment') as KubeObject & {
      spec: { template: { spec: { serviceAccountName: string } } };
    };
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role.metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: account.metadata.name, namespace: DEFAULT_NAMESPACE },
    ]);
    expect(deployment.spec.template.spec.serviceAccountName).toBe(account.metadata.name);
    expect(account.metadata.namespace).toBe(DEFAULT_NAMESPACE);
  });
});
