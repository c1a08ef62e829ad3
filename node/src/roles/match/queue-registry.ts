// The queues of one ActorSystem: game code registers each queue by name on every node (the queue's Matchmaker may
// activate on any match node), and a Matchmaker reads its config here by its id. Per system, not per process, so
// several nodes in one process (tests) keep their own queues.
import type { ActorSystem } from '../../actor/actor-system.ts';
import { InvalidMatchConfigError } from './errors.ts';
import { type QueueConfig, type ResolvedQueueConfig, resolveQueueConfig } from './queue-config.ts';

const queuesBySystem = new WeakMap<ActorSystem, Map<string, ResolvedQueueConfig>>();

/**
 * Registers queue `name` on this node: validated now (InvalidMatchConfigError lists every problem), once per name.
 * Register the same queues with the same configs on every node.
 */
export function registerQueue(system: ActorSystem, name: string, config: QueueConfig): ResolvedQueueConfig {
  const resolved = resolveQueueConfig(name, config);
  let queues = queuesBySystem.get(system);
  if (queues === undefined) {
    queues = new Map();
    queuesBySystem.set(system, queues);
  }
  if (queues.has(name)) {
    throw new InvalidMatchConfigError(`queue ${name} is already registered on this node; register each queue once`);
  }
  queues.set(name, resolved);
  return resolved;
}

/** The config of queue `name` on this node, if registered. */
export function queueConfigOf(system: ActorSystem, name: string): ResolvedQueueConfig | undefined {
  return queuesBySystem.get(system)?.get(name);
}

/** The names of the queues registered on this node, sorted. */
export function registeredQueues(system: ActorSystem): string[] {
  return [...(queuesBySystem.get(system)?.keys() ?? [])].sort();
}
