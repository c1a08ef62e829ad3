// Keeps the last /status of every node pod the operator manages, polling each every few seconds, and tells the
// controller when one changed in a way its plan depends on (players crossing to another desired zone count is
// the autoscaler's business, so any change of players, lifecycle or drain state counts). That is how the
// operator reacts to load within seconds while its informers only see pod objects: Agones polls every 30 s.
import { fetchNodeStatus, type NodeStatusView } from './node-admin-client.ts';

export interface PolledPod {
  /** namespace/name of the pod. */
  readonly key: string;
  /** The GameCluster it belongs to (namespace/name): what changes enqueue. */
  readonly clusterKey: string;
  /** http://<podIP>:<admin port>, or null while the pod has no IP. */
  readonly adminUrl: string | null;
}

export interface NodeStatusPollerOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Called with the GameCluster key when a pod's status changed. */
  readonly onChange: (clusterKey: string) => void;
  /** Requests in flight at once (default: 32). */
  readonly concurrency?: number;
  readonly fetchStatus?: (url: string, timeoutMs: number) => Promise<NodeStatusView | null>;
}

interface Entry {
  pod: PolledPod;
  status: NodeStatusView | null;
  fetchedAtMs: number;
}

export class NodeStatusPoller {
  private readonly options: NodeStatusPollerOptions;
  private readonly entries = new Map<string, Entry>();
  private readonly fetchStatus: (url: string, timeoutMs: number) => Promise<NodeStatusView | null>;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(options: NodeStatusPollerOptions) {
    this.options = options;
    this.fetchStatus = options.fetchStatus ?? fetchNodeStatus;
  }

  /** The pods to poll now (from the pod informer): new ones are added, gone ones forgotten. */
  track(pods: readonly PolledPod[]): void {
    const keys = new Set(pods.map((pod) => pod.key));
    for (const key of this.entries.keys()) if (!keys.has(key)) this.entries.delete(key);
    for (const pod of pods) {
      const entry = this.entries.get(pod.key);
      if (entry === undefined) this.entries.set(pod.key, { pod, status: null, fetchedAtMs: 0 });
      else entry.pod = pod;
    }
  }

  /** The pod's last status; null when it never answered or stopped answering. */
  status(podKey: string): NodeStatusView | null {
    return this.entries.get(podKey)?.status ?? null;
  }

  start(): void {
    if (this.timer !== null) return;
    const loop = () => {
      this.polling = this.pollOnce().finally(() => {
        this.polling = null;
        if (this.timer !== null) this.timer = setTimeout(loop, this.options.intervalMs);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }

  /** Polls every tracked pod once (the loop's step; tests call it directly). */
  async pollOnce(): Promise<void> {
    const entries = [...this.entries.values()];
    const concurrency = this.options.concurrency ?? 32;
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const entry = entries[next++]!;
        const url = entry.pod.adminUrl;
        const status = url === null ? null : await this.fetchStatus(url, this.options.timeoutMs);
        // Forgotten meanwhile (pod deleted): drop the answer.
        if (this.entries.get(entry.pod.key) !== entry) continue;
        const changed = !sameStatus(entry.status, status);
        entry.status = status;
        entry.fetchedAtMs = Date.now();
        if (changed) this.options.onChange(entry.pod.clusterKey);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  }
}

function sameStatus(a: NodeStatusView | null, b: NodeStatusView | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.lifecycle === b.lifecycle &&
    a.players === b.players &&
    a.zonePlayers === b.zonePlayers &&
    a.drain === b.drain &&
    a.unsaved === b.unsaved
  );
}
