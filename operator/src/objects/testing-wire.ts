// Test helpers: an object as @kubernetes/client-node puts it on the wire (its serializer drops fields its model
// does not know and renames `_from` to `from`), and that wire form checked against Kubernetes' OpenAPI schemas
// by kubernetes-models. Tests only: runtime code sends objects through the client, which does the same.
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Pod, Secret, Service } from 'kubernetes-models/v1';

/** The client's model type of each kind the builders make. */
const MODEL_TYPES: Readonly<Record<string, string>> = {
  Pod: 'V1Pod',
  Service: 'V1Service',
  ConfigMap: 'V1ConfigMap',
  Secret: 'V1Secret',
  PodDisruptionBudget: 'V1PodDisruptionBudget',
  NetworkPolicy: 'V1NetworkPolicy',
};

type Validated = { validate(): void };
const VALIDATORS: Readonly<Record<string, (wire: never) => Validated>> = {
  Pod: (wire) => new Pod(wire),
  Service: (wire) => new Service(wire),
  ConfigMap: (wire) => new ConfigMap(wire),
  Secret: (wire) => new Secret(wire),
  PodDisruptionBudget: (wire) => new PodDisruptionBudget(wire),
  NetworkPolicy: (wire) => new NetworkPolicy(wire),
};

/** The JSON the client would send for `object` (a builder's output with apiVersion and kind). */
export function wireForm(object: { readonly kind?: string }): Record<string, unknown> {
  const type = MODEL_TYPES[object.kind ?? ''];
  if (type === undefined) throw new Error(`no client model for kind ${object.kind}`);
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(object, type, ''))) as Record<string, unknown>;
}

/** Validates the wire form of `object` against its Kubernetes schema (throws on a violation) and returns it. */
export function validateWire(object: { readonly kind?: string }): Record<string, unknown> {
  const wire = wireForm(object);
  const validator = VALIDATORS[object.kind ?? ''];
  if (validator === undefined) throw new Error(`no schema for kind ${object.kind}`);
  validator(wire as never).validate();
  return wire;
}
