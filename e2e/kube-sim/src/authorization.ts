// Who is calling and whether they may: bearer tokens map to users, and an authorizer hook decides each request
// from (user, verb, group, resource, subresource, namespace, name) as an RBAC authorizer would. The default
// authorizer allows everything; an RBAC mode can be plugged in here without touching the router.

import { ApiError, forbidden, unauthorized } from './errors.ts';
import type { RequestInfo } from './request-info.ts';

export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

export interface AuthorizationRequest {
  readonly user: UserInfo;
  readonly info: RequestInfo;
}

export interface AuthorizationDecision {
  readonly allowed: boolean;
  /** Appended to the 403 message. */
  readonly reason?: string;
}

export type Authorizer = (request: AuthorizationRequest) => AuthorizationDecision | Promise<AuthorizationDecision>;

export const ADMIN_USER: UserInfo = { name: 'kube-sim:admin', groups: ['system:masters', 'system:authenticated'] };

export const allowAll: Authorizer = () => ({ allowed: true });

/** Resolves the Authorization header; with no tokens configured every caller is the admin. Throws 401. */
export function authenticate(header: string | undefined, tokens: ReadonlyMap<string, UserInfo>): UserInfo {
  if (tokens.size === 0) return ADMIN_USER;
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  const user = match === null ? undefined : tokens.get((match[1] ?? '').trim());
  if (user === undefined) throw unauthorized();
  return user;
}

/** Asks the authorizer and throws the real server's 403 Forbidden Status on deny. */
export async function authorize(authorizer: Authorizer, user: UserInfo, info: RequestInfo): Promise<void> {
  const decision = await authorizer({ user, info });
  if (decision.allowed) return;
  const why = decision.reason === undefined || decision.reason === '' ? '' : `: ${decision.reason}`;
  if (info.kind === 'nonResource') {
    throw new ApiError(
      403,
      'Forbidden',
      `forbidden: User "${user.name}" cannot ${info.verb} path "${info.path}"${why}`,
    );
  }
  const resource = info.subresource === '' ? info.resource : `${info.resource}/${info.subresource}`;
  const where = info.namespace === '' ? '' : ` in the namespace "${info.namespace}"`;
  const scope = info.namespace === '' && info.name === '' ? ' at the cluster scope' : '';
  throw forbidden(
    { group: info.group, plural: info.resource },
    info.name,
    `User "${user.name}" cannot ${info.verb} resource "${resource}" in API group "${info.group}"${where}${scope}${why}`,
  );
}
