// ObjectMeta rules the API server enforces on every kind: name formats, generateName, label syntax, owner
// references, and the "no new finalizers while deleting" rule. Pure functions returning Status causes.

import { randomInt } from 'node:crypto';
import type { StatusCause } from './errors.ts';
import type { KubeObject, ObjectMeta } from './kube-object.ts';
import type { NameFormat } from './resource-type.ts';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const NAME_MESSAGES: Record<NameFormat, string> = {
  subdomain:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  label:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  'label-1035':
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  'path-segment': "may not be '.' or '..' and may not contain '/' or '%'",
};

function nameIsValid(name: string, format: NameFormat): boolean {
  switch (format) {
    case 'subdomain':
      return name.length <= 253 && SUBDOMAIN.test(name);
    case 'label':
      return name.length <= 63 && LABEL_1123.test(name);
    case 'label-1035':
      return name.length <= 63 && LABEL_1035.test(name);
    case 'path-segment':
      return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%') && name !== '';
  }
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` plus five random characters, the base cut so the whole fits 63 characters. */
export function generatedName(base: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `${base.slice(0, 58)}${suffix}`;
}

function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? '' : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0 && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) return 'prefix part must be a DNS-1123 subdomain';
  if (name.length > 63 || !LABEL_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, and be at most 63 characters";
  }
  return undefined;
}

function labelValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value === '') return undefined;
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_NAME.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** The metadata problems of an object about to be stored. */
export function checkObjectMeta(meta: ObjectMeta, format: NameFormat): StatusCause[] {
  const causes: StatusCause[] = [];
  const invalid = (field: string, value: string, why: string): void => {
    causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: "${value}": ${why}` });
  };
  const name = meta.name ?? '';
  if (!nameIsValid(name, format)) invalid('metadata.name', name, NAME_MESSAGES[format]);
  for (const [key, value] of Object.entries(meta.labels ?? {})) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem !== undefined) invalid('metadata.labels', key, keyProblem);
    const valueProblem = labelValueProblem(value);
    if (valueProblem !== undefined) invalid('metadata.labels', String(value), valueProblem);
  }
  for (const [key, value] of Object.entries(meta.annotations ?? {})) {
    if (labelKeyProblem(key) !== undefined) invalid('metadata.annotations', key, 'annotation keys are label keys');
    if (typeof value !== 'string') invalid('metadata.annotations', key, 'annotation values must be strings');
  }
  (meta.ownerReferences ?? []).forEach((ref, i) => {
    for (const field of ['apiVersion', 'kind', 'name', 'uid'] as const) {
      if (typeof ref[field] !== 'string' || ref[field] === '') {
        const path = `metadata.ownerReferences[${i}].${field}`;
        causes.push({ reason: 'FieldValueRequired', field: path, message: 'Required value' });
      }
    }
  });
  if ((meta.ownerReferences ?? []).filter((r) => r.controller === true).length > 1) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'metadata.ownerReferences',
      message: 'Invalid value: "array": Only one reference can have Controller set to true',
    });
  }
  return causes;
}

/** An object being deleted may lose finalizers but not gain them. */
export function newFinalizersWhileDeleting(old: KubeObject, next: KubeObject): StatusCause[] {
  if (old.metadata.deletionTimestamp === undefined) return [];
  const before = new Set(old.metadata.finalizers ?? []);
  const added = (next.metadata.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length === 0) return [];
  return [
    {
      reason: 'FieldValueForbidden',
      field: 'metadata.finalizers',
      message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
    },
  ];
}
