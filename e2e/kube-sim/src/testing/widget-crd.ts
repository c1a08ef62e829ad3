// A small CRD of kube-sim's own tests (group test.kube-sim.io, kind Widget): status and scale subresources,
// printer columns with a condition filter, defaults, bounds, an enum, and CEL rules, so every CRD feature the
// simulator implements is exercised without depending on the project's real CRD.

export const WIDGET_GROUP = 'test.kube-sim.io';
export const WIDGET_VERSION = 'v1';
export const WIDGET_PLURAL = 'widgets';

export const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${WIDGET_PLURAL}.${WIDGET_GROUP}` },
  spec: {
    group: WIDGET_GROUP,
    scope: 'Namespaced',
    names: { plural: WIDGET_PLURAL, singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
    versions: [
      {
        name: WIDGET_VERSION,
        served: true,
        storage: true,
        subresources: {
          status: {},
          scale: {
            specReplicasPath: '.spec.replicas',
            statusReplicasPath: '.status.replicas',
            labelSelectorPath: '.status.selector',
          },
        },
        additionalPrinterColumns: [
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                'x-kubernetes-validations': [
                  { rule: 'self.min <= self.max', message: 'min must not exceed max' },
                  { rule: 'self.size == oldSelf.size', message: 'size is immutable', fieldPath: '.size' },
                ],
                properties: {
                  size: { type: 'string', enum: ['small', 'large'] },
                  replicas: { type: 'integer', minimum: 0, default: 1 },
                  min: { type: 'integer', default: 0 },
                  max: { type: 'integer', default: 10 },
                  template: {
                    type: 'object',
                    default: {},
                    properties: {
                      color: { type: 'string', default: 'blue' },
                      port: { 'x-kubernetes-int-or-string': true },
                    },
                  },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
              status: {
                type: 'object',
                properties: {
                  replicas: { type: 'integer' },
                  selector: { type: 'string' },
                  conditions: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { type: { type: 'string' }, status: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
};
