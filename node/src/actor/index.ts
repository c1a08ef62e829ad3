// The actor runtime's public API.

// Actors and refs
export { Actor, FRAMEWORK_BASE, markFrameworkBase } from './actor.ts';
export type { ActorContext, ActorTimer, ActorTimerOptions, ClientPush, ClientPushService } from './actor-context.ts';
export type { ActorKind, MethodInfo } from './actor-kind.ts';
export type { ActorClass, ActorRef, AskMethods, MessageName, TellMethods } from './actor-ref.ts';

// The system
export { ActorSystem } from './actor-system.ts';
export type { ActorSystemOptions } from './actor-system-options.ts';
export { DEFAULT_ASK_TIMEOUT_MS, DEFAULT_STOP_TIMEOUT_MS } from './actor-system-options.ts';
// Tracing hook (implemented by the observability layer)
export type { ActorTracer, SpanAttributes, TraceContext } from './actor-tracer.ts';
export { currentTrace, currentTraceId, enterAmbientTrace } from './actor-tracer.ts';
// Envelopes (for the cluster transport)
export type { Envelope, ResponseEnvelope } from './envelope.ts';
// Errors
export {
  ActivationFailedError,
  ActorHandlerError,
  ActorSystemStoppedError,
  AskTimeoutError,
  DeadlockError,
  InvalidKindError,
  MailboxFullError,
  NoGateError,
  SerializationError,
  UnknownActorKindError,
  UnknownMethodError,
} from './errors.ts';
export type { KindOptions, Placement } from './kind-options.ts';
export { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_MAILBOX_CAPACITY, DEFAULT_PLACEMENT } from './kind-options.ts';
export { decodeEnvelope, decodeResponse, encodeEnvelope, encodeResponse } from './serializer.ts';
export { currentCallChain } from './turn-context.ts';
