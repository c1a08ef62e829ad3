// Gets a token for a player from the gate's development login endpoint (POST /dev/login {playerId} -> {token}).
// Development only: a real game logs in through its own account service.

/** The dev login failed (unreachable, refused, or no token in the answer); `code` labels it in bot summaries. */
export class DevLoginError extends Error {
  readonly code = 'BOT_LOGIN_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DevLoginError';
  }
}

export async function devLogin(loginUrl: string, playerId: string): Promise<string> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(loginUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ playerId }),
    });
    text = await response.text();
  } catch (error) {
    throw new DevLoginError(`cannot reach the dev login at ${loginUrl}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) {
    throw new DevLoginError(`dev login at ${loginUrl} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  let token: unknown;
  try {
    token = (JSON.parse(text) as { token?: unknown }).token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string') {
    throw new DevLoginError(`dev login at ${loginUrl} answered without a token: ${text.slice(0, 200)}`);
  }
  return token;
}
