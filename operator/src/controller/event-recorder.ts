// Kubernetes Events for what the operator does to a GameCluster (`kubectl describe gc/NAME` lists them): one per
// action (pod created, drain started, pod deleted, scaled) and per problem. An Event that cannot be written is
// logged and dropped: the reconcile it describes must not fail over its own report.
import type { CoreV1Event } from '@kubernetes/client-node';
import { API_VERSION, KIND } from '../api/game-cluster.ts';
import type { KubeClient } from './kube-client.ts';

export interface EventTarget {
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
}

export type EventType = 'Normal' | 'Warning';

const COMPONENT = 'gamecluster-operator';

export class EventRecorder {
  private readonly client: KubeClient;
  private readonly log: (line: Record<string, unknown>) => void;
  private readonly instance: string;
  private sequence = 0;

  constructor(client: KubeClient, instance: string, log: (line: Record<string, unknown>) => void) {
    this.client = client;
    this.instance = instance;
    this.log = log;
  }

  /** Records `reason` (CamelCase, e.g. PodCreated) with a human message on the GameCluster. */
  async record(target: EventTarget, type: EventType, reason: string, message: string): Promise<void> {
    const now = new Date();
    const event: CoreV1Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        // Unique per event, like the name client-go gives: object name, then a time-based suffix.
        name: `${target.name}.${now.getTime().toString(16)}${(this.sequence++ % 4096).toString(16).padStart(3, '0')}`,
        namespace: target.namespace,
      },
      involvedObject: {
        apiVersion: API_VERSION,
        kind: KIND,
        name: target.name,
        namespace: target.namespace,
        uid: target.uid,
      },
      type,
      reason,
      message: message.length > 1024 ? `${message.slice(0, 1021)}...` : message,
      source: { component: COMPONENT, host: this.instance },
      reportingComponent: COMPONENT,
      reportingInstance: this.instance,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    try {
      await this.client.createEvent(target.namespace, event);
    } catch (error) {
      this.log({ level: 'warn', msg: 'event not recorded', reason, target: target.name, error: String(error) });
    }
  }
}
