// Table tests of the JSONPath subset printer columns use.

import { describe, expect, it } from '@jest/globals';
import { evaluateJsonPath } from './jsonpath.ts';

const object = {
  metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'gc' } },
  spec: { roles: { zone: { replicas: 3 } } },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Degraded', status: 'False' },
    ],
    list: [1, 2, 3],
  },
};

describe('JSONPath for printer columns', () => {
  it.each([
    { path: '.spec.roles.zone.replicas', want: [3] },
    { path: '{.metadata.name}', want: ['x'] },
    { path: '.status.conditions[?(@.type=="Ready")].status', want: ['True'] },
    { path: ".status.conditions[?(@.type!='Ready')].type", want: ['Degraded'] },
    { path: '.status.list[1]', want: [2] },
    { path: '.status.list[-1]', want: [3] },
    { path: '.status.list[*]', want: [1, 2, 3] },
    { path: ".metadata.labels['app.kubernetes.io/name']", want: ['gc'] },
    { path: '.status.missing', want: [] },
    { path: '.status.conditions[?(@.type=="Nope")].status', want: [] },
  ])('$path', ({ path, want }) => {
    expect(evaluateJsonPath(object, path)).toEqual(want);
  });
});
