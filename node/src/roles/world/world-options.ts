// Options of the world role with their defaults, resolved and validated once by installWorld. Give every node the
// same values: any world node may host an account, a channel or a leaderboard shard.
import type { ActorClass } from '../../actor/actor-ref.ts';
import { InvalidWorldConfigError } from './errors.ts';
import type { ScryptParams } from './password-hash.ts';
import type { Player } from './player.ts';

/** A gold change, reported to InstallWorldOptions.onLedger. */
export interface LedgerEntry {
  readonly playerId: string;
  /** Positive: added; negative: spent. */
  readonly delta: number;
  readonly balance: number;
  readonly reason: string;
  /** Wall-clock ms. */
  readonly at: number;
}

export interface InstallWorldOptions {
  /** The Player class, registered as kind 'Player' (a subclass adds game methods) (default: Player). */
  playerClass?: ActorClass<Player>;
  /** Methods of playerClass clients may call besides the Player's own (default: []). */
  extraClientMethods?: readonly string[];
  /** Lifetime of the tokens the logins issue (default: 3_600_000). */
  tokenTtlMs?: number;
  /** scrypt cost of new password hashes; existing hashes are upgraded at their next login (default: N 32768, r 8, p 3). */
  scrypt?: Partial<ScryptParams>;
  /** Consecutive failed logins before an account locks (default: 5). */
  maxLoginFailures?: number;
  /** First lockout; each further failure doubles it (default: 30_000). */
  lockoutBaseMs?: number;
  /** Longest lockout (default: 900_000). */
  lockoutMaxMs?: number;
  /** Failures older than this are forgotten (default: 3_600_000). */
  loginFailureWindowMs?: number;
  /** Messages a chat channel keeps for history (default: 50). */
  chatHistorySize?: number;
  /** Sustained chat posts per member per channel (default: 1). */
  chatMessagesPerSecond?: number;
  /** Posts a member may make at once above the sustained rate (default: 5). */
  chatBurst?: number;
  /** Members a channel takes; one more is refused (default: 10_000). */
  chatMaxMembers?: number;
  /** Leaderboards clients may read through their Player (default: ['rating', 'wins']). */
  clientBoards?: readonly string[];
  /** Where gold changes are reported, on the node hosting the player, e.g. an audit log (default: nowhere). */
  onLedger?: (entry: LedgerEntry) => void;
}

export const DEFAULT_TOKEN_TTL_MS = 3_600_000;
export const DEFAULT_MAX_LOGIN_FAILURES = 5;
export const DEFAULT_LOCKOUT_BASE_MS = 30_000;
export const DEFAULT_LOCKOUT_MAX_MS = 900_000;
export const DEFAULT_LOGIN_FAILURE_WINDOW_MS = 3_600_000;
export const DEFAULT_CHAT_HISTORY_SIZE = 50;
export const DEFAULT_CHAT_MESSAGES_PER_SECOND = 1;
export const DEFAULT_CHAT_BURST = 5;
export const DEFAULT_CHAT_MAX_MEMBERS = 10_000;
export const DEFAULT_CLIENT_BOARDS: readonly string[] = ['rating', 'wins'];
/** OWASP's scrypt setting with 32 MiB of memory per hash: about 0.1-0.2 s of one core. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 32_768, r: 8, p: 3 };

/** Leaderboard names: what `<board>:<shard>` actor ids start with. */
export const BOARD_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

export interface ResolvedWorldOptions {
  readonly tokenTtlMs: number;
  readonly scrypt: ScryptParams;
  readonly maxLoginFailures: number;
  readonly lockoutBaseMs: number;
  readonly lockoutMaxMs: number;
  readonly loginFailureWindowMs: number;
  readonly chatHistorySize: number;
  readonly chatMessagesPerSecond: number;
  readonly chatBurst: number;
  readonly chatMaxMembers: number;
  readonly clientBoards: ReadonlySet<string>;
  readonly onLedger: ((entry: LedgerEntry) => void) | undefined;
}

const MAX_TIMER_MS = 2_147_483_647;

/** Fills defaults and reports every invalid field at once (InvalidWorldConfigError). */
export function resolveWorldOptions(options: InstallWorldOptions): ResolvedWorldOptions {
  const scrypt = { ...DEFAULT_SCRYPT_PARAMS, ...options.scrypt };
  const resolved: ResolvedWorldOptions = {
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    scrypt,
    maxLoginFailures: options.maxLoginFailures ?? DEFAULT_MAX_LOGIN_FAILURES,
    lockoutBaseMs: options.lockoutBaseMs ?? DEFAULT_LOCKOUT_BASE_MS,
    lockoutMaxMs: options.lockoutMaxMs ?? DEFAULT_LOCKOUT_MAX_MS,
    loginFailureWindowMs: options.loginFailureWindowMs ?? DEFAULT_LOGIN_FAILURE_WINDOW_MS,
    chatHistorySize: options.chatHistorySize ?? DEFAULT_CHAT_HISTORY_SIZE,
    chatMessagesPerSecond: options.chatMessagesPerSecond ?? DEFAULT_CHAT_MESSAGES_PER_SECOND,
    chatBurst: options.chatBurst ?? DEFAULT_CHAT_BURST,
    chatMaxMembers: options.chatMaxMembers ?? DEFAULT_CHAT_MAX_MEMBERS,
    clientBoards: new Set(options.clientBoards ?? DEFAULT_CLIENT_BOARDS),
    onLedger: options.onLedger,
  };
  const problems: string[] = [];
  const whole = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
    }
  };
  whole('tokenTtlMs', resolved.tokenTtlMs, 1000, 365 * 86_400_000);
  if (!Number.isInteger(scrypt.N) || scrypt.N < 1024 || scrypt.N > 1_048_576 || (scrypt.N & (scrypt.N - 1)) !== 0) {
    problems.push(`scrypt.N must be a power of two from 1024 to 1048576, got ${String(scrypt.N)}`);
  }
  whole('scrypt.r', scrypt.r, 1, 32);
  whole('scrypt.p', scrypt.p, 1, 16);
  whole('maxLoginFailures', resolved.maxLoginFailures, 1, 1000);
  whole('lockoutBaseMs', resolved.lockoutBaseMs, 1, MAX_TIMER_MS);
  whole('lockoutMaxMs', resolved.lockoutMaxMs, 1, MAX_TIMER_MS);
  if (resolved.lockoutMaxMs < resolved.lockoutBaseMs) problems.push('lockoutMaxMs must be at least lockoutBaseMs');
  whole('loginFailureWindowMs', resolved.loginFailureWindowMs, 1, MAX_TIMER_MS);
  whole('chatHistorySize', resolved.chatHistorySize, 1, 1000);
  if (!(resolved.chatMessagesPerSecond > 0 && resolved.chatMessagesPerSecond <= 1000)) {
    problems.push(`chatMessagesPerSecond must be above 0 and at most 1000, got ${resolved.chatMessagesPerSecond}`);
  }
  whole('chatBurst', resolved.chatBurst, 1, 1000);
  whole('chatMaxMembers', resolved.chatMaxMembers, 1, 1_000_000);
  for (const board of resolved.clientBoards) {
    if (typeof board !== 'string' || !BOARD_NAME_PATTERN.test(board)) {
      problems.push(`clientBoards: ${JSON.stringify(board)} must match ${BOARD_NAME_PATTERN}`);
    }
  }
  if (resolved.onLedger !== undefined && typeof resolved.onLedger !== 'function') {
    problems.push('onLedger must be a function');
  }
  if (problems.length > 0) {
    throw new InvalidWorldConfigError(`invalid world options: ${problems.join('; ')}`, { details: { problems } });
  }
  return resolved;
}
