// Write-behind persistence: the service, the actor base class and the backends.

export { Persistence, type PersistenceOptions, type PersistentTarget } from './persistence.ts';
export { PersistentActor } from './persistent-actor.ts';
export { DirectBackend, type StateBackend } from './state-backend.ts';
export { TurnBatcher, type TurnBatcherOptions } from './turn-batcher.ts';
