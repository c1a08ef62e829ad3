// The template hash: a short digest of a pod template that labels each pod, so the planner sees which pods run
// an outdated template. Computed over canonical JSON (object keys sorted) so equal templates always give equal
// hashes, whatever order their fields were built in.
import { createHash } from 'node:crypto';
import type { PodTemplate } from './pod-template.ts';

/** Hex characters of the hash (40 bits: collisions between a cluster's few templates are negligible). */
export const TEMPLATE_HASH_LENGTH = 10;

/** JSON with every object's keys sorted and undefined members left out, as JSON.stringify leaves them out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    const record = member as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}

/** The first TEMPLATE_HASH_LENGTH hex characters of the SHA-256 of the template's canonical JSON. */
export function templateHash(template: PodTemplate): string {
  return createHash('sha256').update(canonicalJson(template)).digest('hex').slice(0, TEMPLATE_HASH_LENGTH);
}
