// Per-kind registration options with their defaults, resolved and validated once at registration.
import { InvalidKindError } from './errors.ts';

/** Where activations of a kind live (DESIGN §3): the cluster layer acts on it; one process runs all locally. */
export type Placement = 'directory' | 'hash' | 'local';

export interface KindOptions<Method extends string = string> {
  /** Registered name; envelopes and the directory use it (default: the class name). */
  name?: string;
  /** (default: 'directory') */
  placement?: Placement;
  /** Roles whose nodes may host this kind; empty means any (default: []). */
  roles?: readonly string[];
  /** An activation with no message for this long is deactivated (default: 300_000; 0 = never). */
  idleTimeoutMs?: number;
  /** Queued messages per activation before senders get MailboxFullError (default: 10_000). */
  mailboxCapacity?: number;
  /** Deadline of asks to this kind unless the call sets one (default: the system's askTimeoutMs). */
  askTimeoutMs?: number;
  /** Methods a game client may call through the gate; nothing else is reachable from a client (default: []). */
  clientMethods?: readonly Method[];
}

export const DEFAULT_PLACEMENT: Placement = 'directory';
export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;
export const DEFAULT_MAILBOX_CAPACITY = 10_000;

export interface ResolvedKindOptions {
  readonly name: string;
  readonly placement: Placement;
  readonly roles: readonly string[];
  readonly idleTimeoutMs: number;
  readonly mailboxCapacity: number;
  readonly askTimeoutMs: number;
  readonly clientMethods: ReadonlySet<string>;
}

const PLACEMENTS: readonly Placement[] = ['directory', 'hash', 'local'];

/** Fills defaults and reports every invalid field at once. */
export function resolveKindOptions(
  className: string,
  options: KindOptions,
  systemAskTimeoutMs: number,
  messageNames: ReadonlySet<string>,
): ResolvedKindOptions {
  const resolved = {
    name: options.name ?? className,
    placement: options.placement ?? DEFAULT_PLACEMENT,
    roles: [...(options.roles ?? [])],
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    mailboxCapacity: options.mailboxCapacity ?? DEFAULT_MAILBOX_CAPACITY,
    askTimeoutMs: options.askTimeoutMs ?? systemAskTimeoutMs,
    clientMethods: new Set(options.clientMethods ?? []),
  };
  const problems: string[] = [];
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(resolved.name)) {
    problems.push(`name ${JSON.stringify(resolved.name)} must be 1-64 letters, digits, '_', '.', '-'`);
  }
  if (!PLACEMENTS.includes(resolved.placement)) {
    problems.push(`placement ${JSON.stringify(resolved.placement)} must be one of ${PLACEMENTS.join(', ')}`);
  }
  if (!isWhole(resolved.idleTimeoutMs)) problems.push('idleTimeoutMs must be a whole number of ms ≥ 0');
  if (!isWhole(resolved.mailboxCapacity) || resolved.mailboxCapacity < 1) {
    problems.push('mailboxCapacity must be a whole number ≥ 1');
  }
  if (!isWhole(resolved.askTimeoutMs) || resolved.askTimeoutMs < 1) {
    problems.push('askTimeoutMs must be a whole number of ms ≥ 1');
  }
  for (const method of resolved.clientMethods) {
    if (!messageNames.has(method)) problems.push(`clientMethods names ${method}, which is not a message of the class`);
  }
  if (problems.length > 0) {
    throw new InvalidKindError(`cannot register ${className}: ${problems.join('; ')}`, { details: { problems } });
  }
  return resolved;
}

function isWhole(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}
