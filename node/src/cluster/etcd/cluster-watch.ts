// Follows one cluster's keys in etcd: reads the member list, then watches the whole cluster prefix from the next
// revision, so no change is missed between the read and the watch. On every reconnect it reads the members again
// and resumes the directory events from the last revision it saw.
import type { Etcd3, IKeyValue, IWatchResponse } from 'etcd3';
import type { DirectoryEntry } from '../cluster-provider.ts';
import type { MemberInfo } from '../member.ts';
import { errorMessage } from './etcd-errors.ts';
import { type EtcdKeyLayout, epochOf, parseClusterKey } from './etcd-keys.ts';
import { parseMemberRecord } from './member-record.ts';

export interface ClusterWatchHandlers {
  /** The member set changed (a new map each time; also once after every read). */
  members(members: ReadonlyMap<string, MemberInfo>): void;
  /** A member record was deleted (left, or its lease ended). */
  memberGone(memberId: string): void;
  claimed(entry: DirectoryEntry): void;
  removed(entry: DirectoryEntry): void;
  error(error: unknown, where: string): void;
}

export interface ClusterWatchTiming {
  readonly callTimeoutMs: number;
  /** First reconnect delay; doubles per failed attempt up to reconnectMaxMs. */
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
}

type WatchStream = Awaited<ReturnType<Etcd3['watchClient']['watch']>>;

export class ClusterWatch {
  private readonly client: Etcd3;
  private readonly keys: EtcdKeyLayout;
  private readonly timing: ClusterWatchTiming;
  private readonly handlers: ClusterWatchHandlers;
  private members: ReadonlyMap<string, MemberInfo> = new Map();
  /** Revision of the last member read: member events at or below it are already in `members`. */
  private membersRevision = 0;
  /** Highest revision whose events were delivered; a reconnect resumes after it. */
  private deliveredRevision: number | undefined;
  /** Bumped per connection attempt: callbacks of a superseded stream are ignored. */
  private generation = 0;
  private stream: WatchStream | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs: number;
  /** A loss was reported and no connection has succeeded since: retries fail quietly until one does. */
  private lossReported = false;
  private closed = false;

  constructor(client: Etcd3, keys: EtcdKeyLayout, timing: ClusterWatchTiming, handlers: ClusterWatchHandlers) {
    this.client = client;
    this.keys = keys;
    this.timing = timing;
    this.handlers = handlers;
    this.retryDelayMs = timing.reconnectMinMs;
  }

  current(): ReadonlyMap<string, MemberInfo> {
    return this.members;
  }

  /** First connection: resolves once the members are read and the watch is created, rejects if either fails. */
  async start(): Promise<void> {
    await this.connect(++this.generation);
  }

  /** Drops the stream and connects afresh now (after an outage, in case the old connection is half-open). */
  restart(): void {
    if (this.closed) return;
    this.dropStream();
    clearTimeout(this.retryTimer);
    this.retryDelayMs = this.timing.reconnectMinMs;
    const generation = ++this.generation;
    this.connect(generation).catch((error: unknown) => this.connectionLost(generation, error));
  }

  close(): void {
    this.closed = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.dropStream();
  }

  private async connect(generation: number): Promise<void> {
    const read = await this.client.getAll().prefix(this.keys.membersPrefix).exec();
    if (generation !== this.generation) return;
    const readRevision = Number(read.header.revision);
    const members = new Map<string, MemberInfo>();
    for (const kv of read.kvs) {
      const member = this.decodeMember(kv);
      if (member !== undefined) members.set(member.id, member);
    }
    for (const id of this.members.keys()) if (!members.has(id)) this.handlers.memberGone(id);
    this.members = members;
    this.membersRevision = readRevision;
    this.handlers.members(members);

    const startRevision = (this.deliveredRevision ?? readRevision) + 1;
    const stream = await this.client.watchClient.watch();
    if (generation !== this.generation) {
      closeStream(stream);
      return;
    }
    this.stream = stream;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`etcd did not create the watch within ${this.timing.callTimeoutMs} ms`));
      }, this.timing.callTimeoutMs);
      stream.on('data', (response: IWatchResponse) => {
        if (generation !== this.generation) return;
        if (response.created && !response.canceled) {
          clearTimeout(timer);
          this.retryDelayMs = this.timing.reconnectMinMs;
          this.lossReported = false;
          resolve();
          return;
        }
        if (response.canceled) {
          clearTimeout(timer);
          const error = this.canceled(response);
          reject(error);
          this.connectionLost(generation, error);
          return;
        }
        this.deliver(response);
      });
      const lost = (error: unknown): void => {
        clearTimeout(timer);
        reject(error);
        this.connectionLost(generation, error);
      };
      stream.on('error', lost);
      stream.on('end', () => lost(new Error('etcd ended the watch stream')));
      stream.write({
        create_request: {
          key: Buffer.from(this.keys.root),
          range_end: prefixEnd(this.keys.root),
          start_revision: startRevision,
          prev_kv: true,
          progress_notify: true,
        },
      });
    });
  }

  /** The watch was cancelled by etcd: after a compaction resume from a fresh read instead (events are lost). */
  private canceled(response: IWatchResponse): Error {
    const compactRevision = Number(response.compact_revision);
    if (compactRevision > 0) {
      this.deliveredRevision = undefined;
      return new Error(
        `etcd compacted the history past revision ${compactRevision} while the watch was down; ` +
          'directory events in between are lost (cached entries are corrected by redirects)',
      );
    }
    return new Error(`etcd cancelled the watch: ${response.cancel_reason || 'no reason given'}`);
  }

  private connectionLost(generation: number, error: unknown): void {
    if (generation !== this.generation || this.closed) return;
    this.generation++;
    this.dropStream();
    if (!this.lossReported) {
      this.lossReported = true;
      this.handlers.error(new Error(`watch lost, reconnecting until etcd answers: ${errorMessage(error)}`), 'watch');
    }
    const delay = this.retryDelayMs * (0.75 + Math.random() / 2);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.timing.reconnectMaxMs);
    this.retryTimer = setTimeout(() => {
      const next = ++this.generation;
      this.connect(next).catch((reason: unknown) => this.connectionLost(next, reason));
    }, delay);
  }

  private deliver(response: IWatchResponse): void {
    let members: Map<string, MemberInfo> | undefined;
    let highest = Number(response.header.revision);
    if (response.events.length > 0) highest = 0;
    for (const event of response.events) {
      const revision = Number(event.kv.mod_revision);
      if (revision > highest) highest = revision;
      const parsed = parseClusterKey(this.keys, event.kv.key.toString());
      if (parsed === undefined || parsed.type === 'worker') continue;
      const deleted = String(event.type).toUpperCase() === 'DELETE';
      if (parsed.type === 'dir') {
        const previous = event.prev_kv;
        if (!deleted) {
          this.handlers.claimed(directoryEntry(this.keys, parsed.kind, parsed.id, event.kv));
        } else {
          // Without the previous value (history compacted) the owner is unknown; the event still invalidates.
          this.handlers.removed(
            previous ? directoryEntry(this.keys, parsed.kind, parsed.id, previous) : { ...parsed, owner: '', epoch: 0 },
          );
        }
        continue;
      }
      if (revision <= this.membersRevision) continue; // the last read already holds this change
      members ??= new Map(this.members);
      if (deleted) {
        if (members.delete(parsed.memberId)) this.handlers.memberGone(parsed.memberId);
      } else {
        const member = this.decodeMember(event.kv);
        if (member !== undefined) members.set(member.id, member);
      }
    }
    if (highest > (this.deliveredRevision ?? 0)) this.deliveredRevision = highest;
    if (members !== undefined) {
      this.members = members;
      this.handlers.members(members);
    }
  }

  private decodeMember(kv: IKeyValue): MemberInfo | undefined {
    try {
      return parseMemberRecord(kv.value.toString());
    } catch (error) {
      this.handlers.error(new Error(`ignoring member record ${kv.key}: ${errorMessage(error)}`), 'watch');
      return undefined;
    }
  }

  private dropStream(): void {
    if (this.stream === undefined) return;
    closeStream(this.stream);
    this.stream = undefined;
  }
}

function directoryEntry(keys: EtcdKeyLayout, kind: string, id: string, kv: IKeyValue): DirectoryEntry {
  return { kind, id, owner: kv.value.toString(), epoch: epochOf(keys, kv.create_revision) };
}

/** Ends a stream without a gRPC error: etcd3 would take an error for a failed host and reset every connection. */
function closeStream(stream: WatchStream): void {
  stream.on('error', () => undefined);
  stream.end();
  stream.cancel();
}

/** The range end covering every key that starts with `prefix` (prefix with its last byte incremented). */
export function prefixEnd(prefix: string): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]!++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}
