// The body of POST /drain: empty, or a JSON object `{"deadlineSeconds": n}`. Strict (an unknown field or a wrong
// type is a 400 that names it) so a typo in the operator's client shows at once instead of being ignored.
import type { DrainRequest } from './drain-tracker.ts';

/** Bytes a POST /drain body may have. */
export const MAX_DRAIN_BODY_BYTES = 4096;
/** The largest deadline a drain request may name: a day. */
export const MAX_DRAIN_DEADLINE_SECONDS = 86_400;

const SHAPE = 'send no body, or a JSON object like {"deadlineSeconds": 60}';

export type ParsedDrainRequest =
  | { readonly ok: true; readonly request: DrainRequest }
  | { readonly ok: false; readonly error: string };

export function parseDrainRequest(text: string): ParsedDrainRequest {
  if (text.trim() === '') return { ok: true, request: {} };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, error: `the body is not JSON: ${SHAPE}` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: `the body must be a JSON object: ${SHAPE}` };
  }
  const unknown = Object.keys(body).filter((field) => field !== 'deadlineSeconds');
  if (unknown.length > 0) {
    return { ok: false, error: `unknown field(s) ${unknown.map((f) => JSON.stringify(f)).join(', ')}: ${SHAPE}` };
  }
  const deadline = (body as { deadlineSeconds?: unknown }).deadlineSeconds;
  if (deadline === undefined) return { ok: true, request: {} };
  if (typeof deadline !== 'number' || !(deadline > 0 && deadline <= MAX_DRAIN_DEADLINE_SECONDS)) {
    return {
      ok: false,
      error: `deadlineSeconds must be a number above 0 and at most ${MAX_DRAIN_DEADLINE_SECONDS}, got ${JSON.stringify(deadline)}`,
    };
  }
  return { ok: true, request: { deadlineSeconds: deadline } };
}
