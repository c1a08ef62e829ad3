// The login endpoints on a gate's HTTP port (DESIGN §4 world): POST /auth/device, /auth/register and /auth/login
// check the request's shape at the gate, ask the Account actor (on a world node) and answer a login token signed
// with the cluster key. Each request counts against the gate's per-IP attempt limit; the account adds its own
// lockout. Typed errors become 400/401/409/429; a world that cannot be reached becomes 503.

import type { ActorSystem } from '../../actor/actor-system.ts';
import {
  ActivationFailedError,
  ActorSystemStoppedError,
  AskTimeoutError,
  MailboxFullError,
} from '../../actor/errors.ts';
import {
  ClusterUnavailableError,
  NodeFencedError,
  NoEligibleMemberError,
  PeerOverloadedError,
  PeerUnavailableError,
  RoutingLoopError,
} from '../../cluster/errors.ts';
import type { Gate, JsonRouteReply, JsonRouteRequest } from '../../gate/index.ts';
import { PersistenceBackpressureError, StaleEpochError, StoreUnavailableError } from '../../state/errors.ts';
import { Account, type AccountLogin } from './account.ts';
import { AccountLockedError, InvalidLoginRequestError, LoginFailedError, UsernameTakenError } from './errors.ts';
import { deviceAccountId, parseDeviceLogin, parsePasswordLogin, userAccountId } from './login-input.ts';
import { type LoginFailureReason, type LoginMethod, LoginStats } from './login-stats.ts';
import { PLAYER_KIND } from './player.ts';
import { PLAYER_NAME_PATTERN } from './player-document.ts';
import type { ResolvedWorldOptions } from './world-options.ts';

export const LOGIN_PATHS = {
  device: '/auth/device',
  register: '/auth/register',
  login: '/auth/login',
} as const;

/** What a login answers (200). */
export interface LoginResponse {
  readonly token: string;
  readonly playerId: string;
  /** ISO 8601. */
  readonly expiresAt: string;
  /** True for the login that created the player. */
  readonly created: boolean;
}

const STATUS_BY_CODE: ReadonlyMap<string, number> = new Map([
  [InvalidLoginRequestError.code, 400],
  [LoginFailedError.code, 401],
  [UsernameTakenError.code, 409],
  [AccountLockedError.code, 429],
]);

/** The metrics' reason for a failed login, by the status it answered. */
const FAILURE_REASON_BY_STATUS: ReadonlyMap<number, LoginFailureReason> = new Map([
  [400, 'invalid_request'],
  [401, 'bad_credentials'],
  [409, 'username_taken'],
  [429, 'locked'],
  [503, 'unavailable'],
] as const);

/** Failures of reaching or running the account, not of the login itself: the client retries later (503). */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  NoEligibleMemberError.code,
  PeerUnavailableError.code,
  PeerOverloadedError.code,
  ClusterUnavailableError.code,
  NodeFencedError.code,
  RoutingLoopError.code,
  AskTimeoutError.code,
  MailboxFullError.code,
  ActivationFailedError.code,
  ActorSystemStoppedError.code,
  StaleEpochError.code,
  StoreUnavailableError.code,
  PersistenceBackpressureError.code,
]);

/** Adds the three login routes to `gate`; `system` is the gate node's (it reaches the accounts on world nodes). */
export function installLoginRoutes(gate: Gate, system: ActorSystem, options: ResolvedWorldOptions): void {
  const stats = LoginStats.of(system);
  const login =
    (method: LoginMethod, run: (request: JsonRouteRequest) => Promise<AccountLogin>) =>
    async (request: JsonRouteRequest) => {
      stats.attempts[method]++;
      try {
        const account = await run(request);
        const issued = request.issueToken(account.playerId, options.tokenTtlMs);
        const body: LoginResponse = { ...issued, created: account.created };
        return { status: 200, body };
      } catch (error) {
        let reply: JsonRouteReply;
        try {
          reply = failureReply(error);
        } catch (unexpected) {
          stats.failed(method, 'internal');
          throw unexpected;
        }
        stats.failed(method, FAILURE_REASON_BY_STATUS.get(reply.status) ?? 'internal');
        return reply;
      }
    };
  gate.addJsonRoute(
    LOGIN_PATHS.device,
    login('device', (request) => {
      const { deviceId } = parseDeviceLogin(request.body);
      return system.ref(Account, deviceAccountId(deviceId)).loginDevice();
    }),
  );
  gate.addJsonRoute(
    LOGIN_PATHS.register,
    login('register', async (request) => {
      const { username, password } = parsePasswordLogin(request.body);
      const account = await system.ref(Account, userAccountId(username)).register(password);
      nameNewPlayer(system, account.playerId, username);
      return account;
    }),
  );
  gate.addJsonRoute(
    LOGIN_PATHS.login,
    login('login', (request) => {
      const { username, password } = parsePasswordLogin(request.body);
      return system.ref(Account, userAccountId(username)).login(password);
    }),
  );
}

/** The reply for a failed login; unexpected errors are rethrown for the gate to log and answer 500. */
export function failureReply(error: unknown): JsonRouteReply {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') {
    const status = STATUS_BY_CODE.get(code);
    if (status === 429) {
      const retryAfterMs = Number((error as { details?: { retryAfterMs?: unknown } }).details?.retryAfterMs) || 1000;
      return {
        status,
        body: { error: message, code, retryAfterMs },
        headers: { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) },
      };
    }
    if (status !== undefined) return { status, body: { error: message, code } };
    if (UNAVAILABLE_CODES.has(code)) {
      return {
        status: 503,
        // The cause's code, not its message: clients on the internet need not learn the cluster's inner workings.
        body: { error: 'the login service cannot be reached right now; try again shortly', code },
        headers: { 'retry-after': '1' },
      };
    }
  }
  throw error;
}

/** A registered player starts with its username as display name (one-way: the login does not wait for it). */
function nameNewPlayer(system: ActorSystem, playerId: string, username: string): void {
  if (!PLAYER_NAME_PATTERN.test(username)) return;
  const kind = system.kind(PLAYER_KIND);
  const rename = kind?.methods.get('rename');
  if (kind === undefined || rename === undefined) return;
  try {
    kind.dispatch.tell(new kind.RefClass(kind, playerId, kind.askTimeoutMs), rename, null, username);
  } catch (error) {
    system.options.onError(error, `Player ${playerId} rename after registration`);
  }
}
