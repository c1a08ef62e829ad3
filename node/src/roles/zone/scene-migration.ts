// What a draining zone node does with its scenes: each live one deactivates here (its document, with entities and
// players, is saved before its directory entry goes), then a `resume` tell activates it on another zone node at
// once (this node takes no new placements), where its players get 'scene.resumed' and fresh enters. Their sessions
// and 'scene' bindings never change: a binding names the scene, not the node.
import type { ActorSystem } from '../../actor/actor-system.ts';
import type { ClusterProvider } from '../../cluster/cluster-provider.ts';
import { SCENE_KIND, Scene } from './scene.ts';

/** How long a migration waits for a scene's directory entry to be released before it resumes it anyway. */
export const DEFAULT_MIGRATION_RELEASE_TIMEOUT_MS = 5_000;

export interface SceneMigrationOutcome {
  /** Scenes handed over. */
  readonly migrated: number;
}

/** Rounds of hand-overs: a scene still activating when the drain began becomes live after the first round. */
const MIGRATION_ROUNDS = 3;

/** Hands every live local scene over to other zone nodes; call it after the node stopped taking placements. */
export async function migrateLocalScenes(
  system: ActorSystem,
  provider: ClusterProvider,
  releaseTimeoutMs = DEFAULT_MIGRATION_RELEASE_TIMEOUT_MS,
): Promise<SceneMigrationOutcome> {
  const kind = system.kind(SCENE_KIND);
  if (kind === undefined) return { migrated: 0 };
  let migrated = 0;
  for (let round = 0; round < MIGRATION_ROUNDS; round++) {
    const live = [...kind.activations.values()].filter((activation) => (activation.actor as Scene)._isLive());
    if (live.length === 0) break;
    await Promise.all(
      live.map(async (activation) => {
        await activation.deactivateAndWait();
        await waitForRelease(provider, activation.id, releaseTimeoutMs);
        system.ref(Scene, activation.id).tell.resume();
      }),
    );
    migrated += live.length;
  }
  return { migrated };
}

/**
 * Waits until the directory no longer names this node as the scene's owner, so the resume is placed afresh
 * (the release of an entry is asynchronous with a remote cluster store).
 */
async function waitForRelease(provider: ClusterProvider, sceneId: string, timeoutMs: number): Promise<void> {
  const self = provider.self?.id;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const entry = await provider.lookup(SCENE_KIND, sceneId);
    if (entry === undefined || entry.owner !== self) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
