// The scene both zone benchmarks run: one real Scene actor (its timer, mailbox, document and tick) in an
// ActorSystem with write-behind on a memory store and the gate layer's Session kind (joins bind the players), 1,000
// players joined and walking between random waypoints at 20 Hz (one `move` tell each per tick period, as a gate
// would deliver them), 500 coins lying about. Pushes go to the ClientPushService the benchmark installs instead of
// the gate's sessions: building and handing over the deltas is the Scene's work, encoding and sending is the gate's.
import type { ClientPushService } from '../../src/actor/actor-context.ts';
import type { ActorRef } from '../../src/actor/actor-ref.ts';
import { ActorSystem } from '../../src/actor/actor-system.ts';
import { installGate } from '../../src/gate/install-gate.ts';
import {
  registerSceneRules,
  SCENE_KIND_OPTIONS,
  Scene,
  type SceneHandle,
  type SceneRules,
} from '../../src/roles/zone/index.ts';
import { DirectBackend, Persistence } from '../../src/state/persistence/index.ts';
import { MemoryStateStore } from '../../src/state/stores/memory-state-store.ts';

export const BENCH_PLAYERS = 1_000;
export const BENCH_COINS = 500;
export const BENCH_TICK_HZ = 20;
/** A 20 x 20 cell map: a player sees its 3 x 3 cells, about 2% of it. */
export const BENCH_MAP = { width: 3_200, height: 3_200, cellSize: 160, viewCells: 1, maxSpeed: 120 } as const;
/** Players walk a little slower than the speed limit, as honest clients do. */
const WALK_SPEED = 100;

/** Seeded PRNG (mulberry32): the same players, coins and walks in every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface BenchScene {
  readonly system: ActorSystem;
  readonly scene: ActorRef<Scene>;
  /** Starts the players walking (one move each per tick period); returns a function that stops them. */
  walk(): () => void;
  stop(): Promise<void>;
}

/** Opens the bench scene, joins the players; `onTick` runs inside every tick, after the moves (the aoi baseline). */
export async function startBenchScene(
  sink: ClientPushService,
  onTick?: (scene: SceneHandle) => void,
): Promise<BenchScene> {
  const system = new ActorSystem({ onError: (error, where) => process.stderr.write(`${where}: ${String(error)}\n`) });
  const store = new MemoryStateStore();
  await store.start();
  const persistence = new Persistence({ backend: new DirectBackend(store) }).attachTo(system);
  installGate({ system }, { roles: ['zone'] });
  system.clientPush = sink;
  system.register(Scene, SCENE_KIND_OPTIONS);
  const random = seededRandom(7);
  const rules: SceneRules = {
    ...BENCH_MAP,
    tickHz: BENCH_TICK_HZ,
    onOpen: (scene) => {
      for (let i = 0; i < BENCH_COINS; i++) {
        scene.spawn('coin', random() * BENCH_MAP.width, random() * BENCH_MAP.height, { value: 1 + (i % 5) });
      }
    },
    onJoin: (_scene, entity) => {
      entity.x = random() * BENCH_MAP.width;
      entity.y = random() * BENCH_MAP.height;
    },
    onTick: onTick === undefined ? undefined : (scene) => onTick(scene),
  };
  registerSceneRules(system, 'bench-field', rules);
  const scene = system.ref(Scene, 'bench-1');
  await scene.open({ type: 'bench-field' });
  const walkers: Walker[] = [];
  for (let i = 0; i < BENCH_PLAYERS; i++) {
    const playerId = `p${i}`;
    const joined = await scene.join(playerId);
    walkers.push(new Walker(playerId, joined.x, joined.y, random));
  }
  return {
    system,
    scene,
    walk: () => {
      const stepMs = 1000 / BENCH_TICK_HZ;
      const timer = setInterval(() => {
        for (const walker of walkers) {
          walker.step((WALK_SPEED * stepMs) / 1000);
          scene.tell.move(walker.playerId, walker.x, walker.y);
        }
      }, stepMs);
      return () => clearInterval(timer);
    },
    stop: async () => {
      await system.stop();
      persistence.stop();
      await store.close();
    },
  };
}

/** A simulated client: walks in a straight line to a random waypoint, then picks the next. */
class Walker {
  readonly playerId: string;
  x: number;
  y: number;
  private targetX = 0;
  private targetY = 0;
  private readonly random: () => number;

  constructor(playerId: string, x: number, y: number, random: () => number) {
    this.playerId = playerId;
    this.x = x;
    this.y = y;
    this.random = random;
    this.pickTarget();
  }

  step(distance: number): void {
    const dx = this.targetX - this.x;
    const dy = this.targetY - this.y;
    const left = Math.hypot(dx, dy);
    if (left <= distance) {
      this.x = this.targetX;
      this.y = this.targetY;
      this.pickTarget();
      return;
    }
    this.x += (dx / left) * distance;
    this.y += (dy / left) * distance;
  }

  private pickTarget(): void {
    this.targetX = this.random() * BENCH_MAP.width;
    this.targetY = this.random() * BENCH_MAP.height;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
