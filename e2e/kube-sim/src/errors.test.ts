// Keeps the error codes and README.md in step: every code is documented, and no documented code is gone.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ApiError, invalid, KUBESIM_ERROR_CODES, notFound } from './errors.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('kube-sim errors', () => {
  it('documents every code, and only those', () => {
    const documented = [...readme.matchAll(/`(GC_ERR_KUBESIM_[A-Z_]+)`/g)].map((m) => m[1]);
    expect([...new Set(documented)].sort()).toEqual(Object.values(KUBESIM_ERROR_CODES).sort());
  });

  it('builds Status objects as the API server does', () => {
    expect(notFound({ group: 'coordination.k8s.io', plural: 'leases' }, 'x').status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'leases.coordination.k8s.io "x" not found',
      reason: 'NotFound',
      details: { name: 'x', group: 'coordination.k8s.io', kind: 'leases' },
      code: 404,
    });
    const error = invalid('Pod', '', 'p', [
      { field: 'metadata.name', reason: 'FieldValueInvalid', message: 'Invalid value: "P": bad' },
      { field: 'spec', reason: 'FieldValueRequired', message: 'Required value' },
    ]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status.message).toBe(
      'Pod "p" is invalid: [metadata.name: Invalid value: "P": bad, spec: Required value]',
    );
    expect(error.code).toBe('GC_ERR_KUBESIM_API');
  });
});
