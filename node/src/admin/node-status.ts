// What `/status` answers about a node: who it is, whether it serves, its load, its actors by kind, its players
// (gate connections, and players in its zone scenes) and its drain. The operator's drain client and autoscaler
// read it; people read it when debugging.
import type { GameNode } from '../game-node.ts';
import { localScenes } from '../roles/zone/install-zone.ts';
import { type DrainProgress, NO_DRAIN } from './drain-tracker.ts';

export interface NodeStatus {
  readonly member: string | null;
  readonly name: string;
  readonly roles: readonly string[];
  readonly lifecycle: GameNode['lifecycle'];
  readonly lease: string;
  readonly load: number;
  readonly actors: Record<string, number>;
  /** Client connections on this node's gate (0 without the gate role). */
  readonly players: number;
  readonly sessions: number;
  /** Players in the open scenes on this node (0 without the zone role): the zone autoscaler's load. */
  readonly zonePlayers: number;
  /** Open scenes on this node. */
  readonly zoneScenes: number;
  readonly drain: DrainProgress;
  readonly uptimeSeconds: number;
}

/** `drain`: the node's drain; without one, a drain that never started. */
export function nodeStatus(node: GameNode, drain: DrainProgress = NO_DRAIN): NodeStatus {
  const actors: Record<string, number> = {};
  for (const kind of node.system.kinds()) {
    const count = kind.activations.size;
    if (count > 0) actors[kind.name] = count;
  }
  const gate = node.gate.gate?.stats();
  const zone = localScenes(node.system);
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
    zonePlayers: zone.players,
    zoneScenes: zone.scenes,
    drain,
    uptimeSeconds: Math.round(process.uptime()),
  };
}

/** Ready: joined, the lease healthy, and neither draining nor stopping. */
export function isReady(node: GameNode): boolean {
  return node.lifecycle === 'started' && node.cluster.health() === 'healthy';
}
