// The operator's RBAC rules (permissions.ts, which the Helm chart grants) are exactly the calls the API client
// declares, both ways: no call without its rule, no rule without a call.
import { describe, expect, it } from '@jest/globals';
import { KUBE_CALLS, KubeClient, permissionsOfCalls } from './kube-client.ts';
import { OPERATOR_PERMISSIONS } from './permissions.ts';

const sortRules = (rules: readonly { group: string; resource: string; verbs: readonly string[] }[]) =>
  rules
    .map((rule) => ({ group: rule.group, resource: rule.resource, verbs: [...rule.verbs].sort() }))
    .sort((a, b) => `${a.group}/${a.resource}`.localeCompare(`${b.group}/${b.resource}`));

describe('KubeClient permissions', () => {
  it('declares exactly the calls the RBAC rules grant', () => {
    expect(sortRules(permissionsOfCalls())).toEqual(sortRules(OPERATOR_PERMISSIONS));
  });

  it('has a method for every declared call that is one', () => {
    const methods = new Set(Object.getOwnPropertyNames(KubeClient.prototype));
    // The informers make the list and watch calls; ownerReferences is a permission, not a call.
    const notMethods = new Set([
      'watchGameClusters',
      'watchPods',
      'ownerReferences',
      'readLease',
      'createLease',
      'replaceLease',
    ]);
    for (const call of Object.keys(KUBE_CALLS)) {
      if (!notMethods.has(call)) expect(methods).toContain(call);
    }
  });
});
