// The GameCluster's spec and status schema as TypeScript: the same types, bounds, patterns, enums and required
// fields as the CRD's openAPIV3Schema (game-cluster-schema.test.ts compares them keyword by keyword), so that
// validateGameCluster() checks exactly what the API server checks. Defaults live in defaults.ts.
import type { ArrayField, Field, IntegerField, ObjectField, StringField } from './field-checks.ts';
import { ROLES } from './game-cluster.ts';

/** Most pods of one role (and the autoscaler's bounds): far above any cluster this operator is meant for. */
export const MAX_ROLE_REPLICAS = 1000;

const QUANTITY: StringField = {
  type: 'string',
  maxLength: 64,
  pattern: '^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+))?$',
  hint: 'must be a Kubernetes quantity such as 250m, 1, 512Mi or 2Gi',
};

const RESOURCE_LIST: ObjectField = { type: 'object', properties: { cpu: QUANTITY, memory: QUANTITY } };

const ROLE: ObjectField = {
  type: 'object',
  properties: {
    replicas: { type: 'integer', minimum: 0, maximum: MAX_ROLE_REPLICAS },
    resources: { type: 'object', properties: { requests: RESOURCE_LIST, limits: RESOURCE_LIST } },
  },
};

const COUNT: IntegerField = { type: 'integer', minimum: 0 };

const ENV: ArrayField = {
  type: 'array',
  maxItems: 64,
  listType: 'map',
  listMapKeys: ['name'],
  items: {
    type: 'object',
    required: ['name'],
    properties: {
      name: {
        type: 'string',
        maxLength: 256,
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        hint: 'must be a variable name: letters, digits and _, not starting with a digit',
      },
      value: { type: 'string' },
    },
  },
};

function perRole(field: Field): Record<string, Field> {
  return Object.fromEntries(ROLES.map((role) => [role, field]));
}

/** `spec`: what the user asks for. */
export const GAMECLUSTER_SPEC_FIELD: ObjectField = {
  type: 'object',
  required: ['image'],
  properties: {
    image: {
      type: 'string',
      maxLength: 512,
      pattern: '^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$',
      hint: 'must be an image repository without tag or digest, e.g. ghcr.io/gamecluster/node; put the tag in spec.version',
    },
    version: {
      type: 'string',
      maxLength: 128,
      pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
      hint: 'must be an image tag: letters, digits, _ . and -, not starting with . or -',
    },
    app: { type: 'string', minLength: 1, maxLength: 253 },
    roles: { type: 'object', properties: perRole(ROLE) },
    gateService: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
      },
    },
    zoneAutoscaling: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        minReplicas: { type: 'integer', minimum: 1, maximum: MAX_ROLE_REPLICAS },
        maxReplicas: { type: 'integer', minimum: 1, maximum: MAX_ROLE_REPLICAS },
        targetPlayersPerPod: { type: 'integer', minimum: 1, maximum: 100000 },
        scaleDownStabilizationSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
      },
    },
    etcd: {
      type: 'object',
      properties: {
        endpoints: {
          type: 'array',
          minItems: 1,
          maxItems: 16,
          listType: 'set',
          items: {
            type: 'string',
            maxLength: 253,
            pattern: '^https?://[^\\s/?#@]+$',
            hint: 'must be an etcd client URL with scheme, host and port only, e.g. http://etcd.games.svc:2379',
          },
        },
      },
    },
    database: {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['postgres', 'embedded'] },
        secretRef: {
          type: 'object',
          required: ['name', 'key'],
          properties: {
            name: {
              type: 'string',
              maxLength: 253,
              pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
              hint: 'must be a Secret name: lower-case letters, digits, - and .',
            },
            key: {
              type: 'string',
              maxLength: 253,
              pattern: '^[-._a-zA-Z0-9]+$',
              hint: 'must be a Secret key: letters, digits, -, _ and .',
            },
          },
        },
      },
    },
    drainTimeoutSeconds: { type: 'integer', minimum: 1, maximum: 3600 },
    updateStrategy: {
      type: 'object',
      properties: {
        maxSurge: { type: 'integer', minimum: 0, maximum: 100 },
        maxUnavailable: { type: 'integer', minimum: 0, maximum: 100 },
      },
    },
    env: ENV,
    networkPolicy: { type: 'object', properties: { enabled: { type: 'boolean' } } },
  },
};

const ROLE_STATUS: ObjectField = {
  type: 'object',
  required: ['replicas', 'ready', 'updated', 'draining', 'players'],
  properties: { replicas: COUNT, ready: COUNT, updated: COUNT, draining: COUNT, players: COUNT },
};

/** `status`: what the operator writes through the status subresource. */
export const GAMECLUSTER_STATUS_FIELD: ObjectField = {
  type: 'object',
  properties: {
    observedGeneration: COUNT,
    conditions: {
      type: 'array',
      maxItems: 8,
      listType: 'map',
      listMapKeys: ['type'],
      items: {
        type: 'object',
        required: ['type', 'status', 'reason', 'message', 'lastTransitionTime', 'observedGeneration'],
        properties: {
          type: { type: 'string', enum: ['Ready', 'Progressing', 'Degraded'] },
          status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 1024,
            pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
            hint: 'must be a CamelCase reason such as RolloutInProgress',
          },
          message: { type: 'string', maxLength: 32768 },
          lastTransitionTime: { type: 'string', format: 'date-time' },
          observedGeneration: COUNT,
        },
      },
    },
    roles: { type: 'object', properties: perRole(ROLE_STATUS) },
    players: COUNT,
    version: { type: 'string', maxLength: 128 },
    zoneSelector: { type: 'string', maxLength: 1024 },
    zoneReplicas: COUNT,
  },
};
