// Rule expansion into (group, resource, verb) triples, by scenario: what the chart's RBAC test compares rests on it.
import { describe, expect, it } from '@jest/globals';
import { type PolicyRule, permissionTriples, ruleProblems, ruleTriples } from './rbac-rules.ts';

describe('ruleTriples', () => {
  const cases: { desc: string; input: PolicyRule[]; want: string[] }[] = [
    { desc: 'no rules grant nothing', input: [], want: [] },
    {
      desc: 'a rule grants each group x resource x verb',
      input: [{ apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] }],
      want: ['core/events/create', 'core/events/patch', 'events.k8s.io/events/create', 'events.k8s.io/events/patch'],
    },
    {
      desc: 'overlapping rules count a triple once',
      input: [
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      ],
      want: ['core/pods/get', 'core/pods/list'],
    },
    {
      desc: 'subresources are resources of their own',
      input: [{ apiGroups: ['gamecluster.io'], resources: ['gameclusters/status'], verbs: ['update'] }],
      want: ['gamecluster.io/gameclusters/status/update'],
    },
    {
      desc: 'a wildcard stays visible as *',
      input: [{ apiGroups: ['apps'], resources: ['*'], verbs: ['get'] }],
      want: ['apps/*/get'],
    },
  ];
  it.each(cases)('$desc', ({ input, want }) => {
    expect(ruleTriples(input)).toEqual(want);
  });
});

describe('permissionTriples', () => {
  it('expands each permission verb by verb, sorted', () => {
    expect(
      permissionTriples([
        { group: 'coordination.k8s.io', resource: 'leases', verbs: ['update', 'get'] },
        { group: '', resource: 'secrets', verbs: ['get'] },
      ]),
    ).toEqual(['coordination.k8s.io/leases/get', 'coordination.k8s.io/leases/update', 'core/secrets/get']);
  });
});

describe('ruleProblems', () => {
  const cases: { desc: string; input: PolicyRule[]; want: string[] }[] = [
    { desc: 'a plain rule has none', input: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], want: [] },
    {
      desc: 'a wildcard verb',
      input: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }],
      want: ["rule 0 uses a '*' wildcard"],
    },
    {
      desc: 'non-resource URLs',
      input: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }],
      want: ['rule 0 grants non-resource URLs', 'rule 0 grants nothing (an empty apiGroups, resources or verbs)'],
    },
    {
      desc: 'resourceNames',
      input: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['x'], verbs: ['get'] }],
      want: ['rule 0 is limited to resourceNames'],
    },
  ];
  it.each(cases)('$desc', ({ input, want }) => {
    expect(ruleProblems(input)).toEqual(want);
  });
});
