// The wire checks other tests rely on can fail: a schema violation throws, and a field the client's model does
// not know is dropped (so comparing the wire form with the built object catches misspelt fields).
import { describe, expect, it } from '@jest/globals';
import { validateWire, wireForm } from './testing-wire.ts';

describe('validateWire', () => {
  it('throws on a value of the wrong type', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      spec: { containers: [{ name: 'n', ports: [{ containerPort: 'x' }] }] },
    };
    expect(() => validateWire(pod)).toThrow(/containerPort/);
  });

  it('drops fields the client does not know, such as from instead of _from', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] },
    };
    expect(wireForm(policy)).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      spec: { podSelector: {}, ingress: [{}] },
    });
  });
});
