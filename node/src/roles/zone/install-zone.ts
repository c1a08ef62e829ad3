// Puts the zone role on a game node: the Scene kind on every node (refs, bindings and pushes need it everywhere;
// its `roles` keep activations on zone nodes) and the default tick rate; on zone nodes, the published load
// (players in local scenes plus the scenes) that least-loaded placement reads, and the drain hook that migrates
// the node's scenes to other zone nodes.
import type { ActorSystem } from '../../actor/actor-system.ts';
import type { GameNode } from '../../game-node.ts';
import { InvalidZoneConfigError } from './errors.ts';
import { SCENE_KIND, SCENE_KIND_OPTIONS, Scene, ZONE_ROLE } from './scene.ts';
import { migrateLocalScenes } from './scene-migration.ts';
import { ZoneRegistry } from './scene-rules.ts';
import { MAX_ZONE_TICK_HZ, MIN_ZONE_TICK_HZ } from './zone-config.ts';

export interface ZoneOptions {
  /** Ticks per second of scenes whose rules set no tickHz (default: the node's --zone-tick-hz, else 20). */
  readonly tickHz?: number;
}

/** Sets the node's default tick rate (the node process does it from --zone-tick-hz before the game registers). */
export function setZoneTickHz(system: ActorSystem, tickHz: number): void {
  checkTickHz(tickHz);
  ZoneRegistry.of(system).tickHz = tickHz;
}

function checkTickHz(tickHz: number): void {
  if (!Number.isInteger(tickHz) || tickHz < MIN_ZONE_TICK_HZ || tickHz > MAX_ZONE_TICK_HZ) {
    throw new InvalidZoneConfigError(
      `zone tickHz must be a whole number from ${MIN_ZONE_TICK_HZ} to ${MAX_ZONE_TICK_HZ}, got ${String(tickHz)}`,
    );
  }
}

/** Registers the zone role on `node` (every node, before it starts); zone-node setup where node.hasRole('zone'). */
export function installZone(node: GameNode, options: ZoneOptions = {}): void {
  const system = node.system;
  if (options.tickHz !== undefined) setZoneTickHz(system, options.tickHz);
  system.register(Scene, SCENE_KIND_OPTIONS);
  if (!node.hasRole(ZONE_ROLE)) return;
  node.cluster.setLoad(() => zoneLoad(system));
  node.onDrain(async () => {
    await migrateLocalScenes(system, node.cluster.provider);
  });
  // A stop without a drain first: the scenes save now, while this node still routes (its own StoreShards too, on
  // a node that also has the db role); a player's next move activates each scene again on a zone node.
  node.onStop(async () => {
    const kind = system.kind(SCENE_KIND);
    if (kind === undefined) return;
    await Promise.all([...kind.activations.values()].map((activation) => activation.deactivateAndWait()));
  });
}

/** A zone node's load: its local scenes plus the players in them. */
export function zoneLoad(system: ActorSystem): number {
  const kind = system.kind(SCENE_KIND);
  if (kind === undefined) return 0;
  let load = kind.activations.size;
  for (const activation of kind.activations.values()) load += (activation.actor as Scene)._playerCount();
  return load;
}

/** The open scenes on this node and the players in them (the node's zone_scenes and zone_players metrics). */
export function localScenes(system: ActorSystem): { scenes: number; players: number } {
  const kind = system.kind(SCENE_KIND);
  let scenes = 0;
  let players = 0;
  if (kind === undefined) return { scenes, players };
  for (const activation of kind.activations.values()) {
    const scene = activation.actor as Scene;
    if (!scene._isLive()) continue;
    scenes++;
    players += scene._playerCount();
  }
  return { scenes, players };
}
