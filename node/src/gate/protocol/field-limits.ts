// The sizes and patterns every frame field must respect (docs/protocol.md "Frames"). Frame-level limits (frame
// bytes, rates, pending requests) are the gate's options and reach the client in WELCOME.limits.

/** Routes and push event names: ASCII so every client language agrees; `<binding>.<method>` for routes. */
export const NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

export const FIELD_LIMITS = {
  /** Route and push event names. */
  maxNameLength: 256,
  /** HELLO.token and resume tokens. */
  maxTokenLength: 4096,
  /** Session and player ids. */
  maxIdLength: 256,
  /** HELLO.agent. */
  maxAgentLength: 256,
  /** Entries in HELLO.versions. */
  maxVersions: 16,
  /** Protocol version numbers are 1..maxVersion. */
  maxVersion: 65535,
  /** ERROR.code and KICK.code. */
  maxCodeLength: 128,
  /** Request ids are 1..maxRequestId (ERROR uses 0 for "not about a request"). */
  maxRequestId: 0xffff_ffff,
  /** Durations and limits in WELCOME and MIGRATE (the largest delay a JavaScript timer takes). */
  maxDurationMs: 0x7fff_ffff,
} as const;
