// What `/status` answers about a node: who it is, whether it serves, its load, its actors by kind and its
// players (gate connections). The operator's drain and autoscaler read it; people read it when debugging.
import type { GameNode } from '../game-node.ts';

export interface NodeStatus {
  readonly member: string | null;
  readonly name: string;
  readonly roles: readonly string[];
  readonly lifecycle: GameNode['lifecycle'];
  readonly lease: string;
  readonly load: number;
  readonly actors: Record<string, number>;
  readonly players: number;
  readonly sessions: number;
  readonly uptimeSeconds: number;
}

export function nodeStatus(node: GameNode): NodeStatus {
  const actors: Record<string, number> = {};
  for (const kind of node.system.kinds()) {
    const count = kind.activations.size;
    if (count > 0) actors[kind.name] = count;
  }
  const gate = node.gate.gate?.stats();
  let member: string | null = null;
  let name = '';
  try {
    member = node.cluster.member.id;
    name = node.cluster.member.name;
  } catch {
    // Not joined yet: the fields say so.
  }
  return {
    member,
    name,
    roles: node.cluster.roles,
    lifecycle: node.lifecycle,
    lease: node.cluster.health(),
    load: node.cluster.load(),
    actors,
    players: gate?.connections ?? 0,
    sessions: gate?.sessions ?? 0,
    uptimeSeconds: Math.round(process.uptime()),
  };
}

/** Ready: joined, the lease healthy, and neither draining nor stopping. */
export function isReady(node: GameNode): boolean {
  return node.lifecycle === 'started' && node.cluster.health() === 'healthy';
}
