// Login accounts (DESIGN §4 world): one persistent actor per device id (`device:<id>`) or username (`user:<name>`)
// that owns the player id it was given once, the password hash of username accounts, and the failure record that
// locks it after repeated wrong passwords. One actor per account serialises its logins, so two registrations of
// one name cannot both win, and the lockout counts every attempt wherever it came from.
import type { KindOptions } from '../../actor/kind-options.ts';
import { PersistentActor } from '../../state/persistence/persistent-actor.ts';
import { lockRemainingMs, recordFailure } from './account-lockout.ts';
import { AccountLockedError, InvalidLoginRequestError, LoginFailedError, UsernameTakenError } from './errors.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './login-input.ts';
import { hashPassword, needsRehash, type PasswordHash, verifyPassword } from './password-hash.ts';
import { worldConfigOf } from './world-config.ts';
import { WORLD_ROLE } from './world-role.ts';

export const ACCOUNT_KIND = 'Account';

export interface AccountDocument {
  /** '' until the first login or registration gave the account its player. */
  playerId: string;
  /** Wall-clock ms. */
  createdAt: number;
  lastLoginAt: number;
  logins: number;
  /** Username accounts only. */
  password: PasswordHash | null;
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/** What a successful login answers. */
export interface AccountLogin {
  readonly playerId: string;
  /** True for the login that created the player (show the new player's first-run screens). */
  readonly created: boolean;
}

/** Accounts live on world nodes and are only busy while someone logs in. */
export const ACCOUNT_KIND_OPTIONS = {
  name: ACCOUNT_KIND,
  placement: 'directory',
  roles: [WORLD_ROLE],
  idleTimeoutMs: 60_000,
} as const satisfies KindOptions;

export class Account extends PersistentActor<AccountDocument> {
  override state: AccountDocument = {
    playerId: '',
    createdAt: 0,
    lastLoginAt: 0,
    logins: 0,
    password: null,
    failures: 0,
    lastFailureAt: 0,
    lockedUntil: 0,
  };

  /** Logs in with a device id, creating its player on the first login. */
  async loginDevice(): Promise<AccountLogin> {
    this._expect('device');
    if (this.state.playerId === '') await this._create(null);
    return this._succeed();
  }

  /** Creates a username account with `password`; UsernameTakenError when the name has one. */
  async register(password: string): Promise<AccountLogin> {
    this._expect('user');
    checkPassword(password);
    if (this.state.playerId !== '') {
      throw new UsernameTakenError('this username is taken; choose another one (usernames ignore case)');
    }
    await this._create(await hashPassword(password, worldConfigOf(this.ctx.system).options.scrypt));
    return this._succeed();
  }

  /** Logs in with the account's password; LoginFailedError when wrong, AccountLockedError while locked. */
  async login(password: string): Promise<AccountLogin> {
    this._expect('user');
    checkPassword(password);
    const stored = this.state.password;
    if (this.state.playerId === '' || stored === null) throw new LoginFailedError('unknown username or wrong password');
    const locked = lockRemainingMs(this.state, Date.now());
    if (locked > 0) throw lockedError(locked);
    if (!(await verifyPassword(password, stored))) {
      const { options } = worldConfigOf(this.ctx.system);
      const now = Date.now();
      const record = recordFailure(this.state, now, {
        maxFailures: options.maxLoginFailures,
        lockoutBaseMs: options.lockoutBaseMs,
        lockoutMaxMs: options.lockoutMaxMs,
        failureWindowMs: options.loginFailureWindowMs,
      });
      Object.assign(this.state, record);
      const lock = lockRemainingMs(record, now);
      throw new LoginFailedError(
        lock > 0
          ? `unknown username or wrong password; too many failures: the account is locked for ${seconds(lock)} s`
          : 'unknown username or wrong password',
        { details: { failures: record.failures, retryAfterMs: lock } },
      );
    }
    this.state.failures = 0;
    this.state.lastFailureAt = 0;
    this.state.lockedUntil = 0;
    const { scrypt } = worldConfigOf(this.ctx.system).options;
    if (needsRehash(stored, scrypt)) this.state.password = await hashPassword(password, scrypt);
    return this._succeed();
  }

  /**
   * Gives the account its player and makes that durable before anyone is told the id. If the save fails the
   * account is empty again: the caller answered 503, nobody learned the id, and a retry starts afresh.
   */
  async _create(password: PasswordHash | null): Promise<void> {
    this.state.playerId = worldConfigOf(this.ctx.system).nextPlayerId();
    this.state.createdAt = Date.now();
    this.state.password = password;
    try {
      await this.persist();
    } catch (error) {
      this.state.playerId = '';
      this.state.createdAt = 0;
      this.state.password = null;
      throw error;
    }
  }

  _succeed(): AccountLogin {
    // `created` until one login has been answered: a retry after a failed answer still says created.
    const created = this.state.logins === 0;
    this.state.logins++;
    this.state.lastLoginAt = Date.now();
    return { playerId: this.state.playerId, created };
  }

  _expect(type: 'device' | 'user'): void {
    if (!this.ctx.id.startsWith(`${type}:`)) {
      throw new InvalidLoginRequestError(`account ${this.ctx.id} is not a ${type} account`);
    }
  }
}

function checkPassword(password: unknown): void {
  const length = typeof password === 'string' ? [...password].length : -1;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new InvalidLoginRequestError(
      `password must be a string of ${MIN_PASSWORD_LENGTH}-${MAX_PASSWORD_LENGTH} characters`,
    );
  }
}

function lockedError(remainingMs: number): AccountLockedError {
  return new AccountLockedError(
    `too many failed logins for this account: it is locked; try again in ${seconds(remainingMs)} s`,
    { details: { retryAfterMs: remainingMs } },
  );
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
