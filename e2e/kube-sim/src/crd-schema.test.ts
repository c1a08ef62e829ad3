// Tests of custom resource checking: pruning, structural defaulting, ajv validation worded as the API server
// words it, int-or-string and OpenAPI boolean exclusive bounds, and CEL rules with field paths and reasons.

import { describe, expect, it } from '@jest/globals';
import { compileCustomResourceSchema } from './crd-schema.ts';
import type { StructuralSchema } from './crd-structural.ts';
import type { KubeObject } from './kube-object.ts';

const schema: StructuralSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['image'],
      'x-kubernetes-validations': [
        {
          rule: "self.mode != 'postgres' || has(self.secretRef)",
          fieldPath: '.secretRef',
          reason: 'FieldValueRequired',
          message: 'secretRef is required when mode is postgres',
        },
      ],
      properties: {
        image: { type: 'string', pattern: '^[a-z/]+$' },
        mode: { type: 'string', enum: ['embedded', 'postgres'], default: 'embedded' },
        secretRef: { type: 'object', properties: { name: { type: 'string' } } },
        weight: { type: 'number', minimum: 0, exclusiveMinimum: true },
        port: { 'x-kubernetes-int-or-string': true },
        roles: {
          type: 'object',
          default: {},
          properties: {
            zone: { type: 'object', default: {}, properties: { replicas: { type: 'integer', default: 2 } } },
          },
        },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        nullable: { type: 'string', nullable: true },
      },
    },
  },
};

const { validate, skippedRules } = compileCustomResourceSchema(schema);
const object = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'x.io/v1',
  kind: 'X',
  metadata: { name: 'a' },
  spec,
});

describe('custom resource schema checks', () => {
  it('defaults nested objects whose parent is defaulted, and keeps what was given', () => {
    const out = validate(object({ image: 'a/b' }), undefined);
    expect(out.causes).toEqual([]);
    expect(out.object.spec).toEqual({ image: 'a/b', mode: 'embedded', roles: { zone: { replicas: 2 } } });
    expect(validate(object({ image: 'a', roles: { zone: { replicas: 5 } } }), undefined).object.spec).toMatchObject({
      roles: { zone: { replicas: 5 } },
    });
  });

  it('prunes undeclared fields, keeps preserved and additionalProperties ones, and reports the pruned paths', () => {
    const out = validate(
      object({ image: 'a', junk: 1, free: { any: { thing: 1 } }, labels: { k: 'v' }, roles: { zone: { x: 1 } } }),
      undefined,
    );
    expect(out.unknownFields).toEqual(['spec.junk', 'spec.roles.zone.x']);
    expect(out.object.spec).toMatchObject({ free: { any: { thing: 1 } }, labels: { k: 'v' } });
    expect(out.object.spec).not.toHaveProperty('junk');
  });

  it.each([
    { desc: 'required', spec: {}, want: ['spec.image: Required value'] },
    {
      desc: 'enum',
      spec: { image: 'a', mode: 'x' },
      want: ['spec.mode: Unsupported value: "x": supported values: "embedded", "postgres"'],
    },
    {
      desc: 'type',
      spec: { image: 3 },
      want: ['spec.image: Invalid value: 3: spec.image in body must be of type string: 3'],
    },
    {
      desc: 'pattern',
      spec: { image: 'A' },
      want: ['spec.image: Invalid value: "A": spec.image in body should match \'^[a-z/]+$\''],
    },
    {
      desc: 'OpenAPI boolean exclusiveMinimum',
      spec: { image: 'a', weight: 0 },
      want: ['spec.weight: Invalid value: 0: spec.weight in body should be greater than 0'],
    },
    {
      desc: 'int-or-string refuses a boolean',
      spec: { image: 'a', port: true },
      wantSome: true,
    },
    {
      desc: 'CEL rule with fieldPath and reason',
      spec: { image: 'a', mode: 'postgres' },
      want: ['spec.secretRef: Required value: secretRef is required when mode is postgres'],
    },
  ])('reports $desc', ({ spec, want, wantSome }) => {
    const causes = validate(object(spec), undefined).causes.map((c) => `${c.field}: ${c.message}`);
    if (wantSome === true) expect(causes.length).toBeGreaterThan(0);
    else expect(causes).toEqual(want);
  });

  it('accepts int-or-string values and null where nullable', () => {
    expect(validate(object({ image: 'a', port: 80, nullable: null }), undefined).causes).toEqual([]);
    expect(validate(object({ image: 'a', port: 'http' }), undefined).causes).toEqual([]);
  });

  it('compiles every rule of this schema', () => {
    expect(skippedRules).toEqual([]);
  });
});
