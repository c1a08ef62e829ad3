// The shapes a login accepts, checked at the gate before any actor is asked: device ids and usernames are plain
// URL-safe text (usernames compare case-insensitively: the account id uses the lower-cased form), passwords are
// 8-128 characters. A bad shape is InvalidLoginRequestError (400). Account ids: `device:<id>`, `user:<name>`.
import { InvalidLoginRequestError } from './errors.ts';

/** Device ids: generate a random one (128 bits or more) per install: whoever knows it can log in as its player. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_.:@-]{4,128}$/;
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export interface DeviceLoginRequest {
  readonly deviceId: string;
}

export interface PasswordLoginRequest {
  readonly username: string;
  readonly password: string;
}

export function parseDeviceLogin(body: unknown): DeviceLoginRequest {
  const deviceId = field(body, 'deviceId', '{"deviceId": "..."}');
  if (typeof deviceId !== 'string' || !DEVICE_ID_PATTERN.test(deviceId)) {
    throw new InvalidLoginRequestError(`deviceId must match ${DEVICE_ID_PATTERN}`);
  }
  return { deviceId };
}

export function parsePasswordLogin(body: unknown): PasswordLoginRequest {
  const expected = '{"username": "...", "password": "..."}';
  const username = field(body, 'username', expected);
  const password = field(body, 'password', expected);
  if (typeof username !== 'string' || !USERNAME_PATTERN.test(username)) {
    throw new InvalidLoginRequestError(`username must match ${USERNAME_PATTERN}`);
  }
  // Counted in code points, so a password of emoji is not cut short by UTF-16 pairs.
  const length = typeof password === 'string' ? [...password].length : -1;
  if (typeof password !== 'string' || length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new InvalidLoginRequestError(
      `password must be a string of ${MIN_PASSWORD_LENGTH}-${MAX_PASSWORD_LENGTH} characters`,
    );
  }
  return { username, password };
}

export function deviceAccountId(deviceId: string): string {
  return `device:${deviceId}`;
}

export function userAccountId(username: string): string {
  return `user:${username.toLowerCase()}`;
}

function field(body: unknown, name: string, expected: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidLoginRequestError(`the body must be a JSON object: ${expected}`);
  }
  return (body as Record<string, unknown>)[name];
}
