// The Scene actor (DESIGN §4 zone): a map instance or a match room, placed on the least-loaded zone node. It runs
// a SceneSimulation on a fixed-rate timer, admits and binds players (their clients then call `scene.move` and
// `scene.act`), and keeps in its persistent document only what a handover needs: written when it deactivates
// (migration, shutdown) and when it opens or closes, restored when it activates elsewhere, where its players get
// 'scene.resumed' and then fresh enters.
import type { ActorTimer } from '../../actor/actor-context.ts';
import type { MessageName } from '../../actor/actor-ref.ts';
import type { KindOptions } from '../../actor/kind-options.ts';
import { bindClient, unbindClient } from '../../gate/bind-client.ts';
import { PersistentActor } from '../../state/persistence/persistent-actor.ts';
import {
  InvalidSceneActionError,
  InvalidSceneSpecError,
  SceneClosedError,
  SceneJoinRefusedError,
  SceneNotOpenError,
} from './errors.ts';
import { ZoneRegistry } from './scene-rules.ts';
import { type SceneHost, SceneSimulation, type SceneSimulationOptions } from './scene-simulation.ts';
import { decodeSnapshot, encodeSnapshot, newSceneDocument, type SceneDocument } from './scene-snapshot.ts';
import { checkSceneSpec, isPlayerId } from './scene-spec.ts';
import { type JoinInfo, SCENE_PUSH, type SceneInfo, type SceneSpec, type SceneStats } from './scene-types.ts';
import { TickTimes } from './tick-times.ts';
import { ZoneStats } from './zone-stats.ts';

export const ZONE_ROLE = 'zone';
export const SCENE_KIND = 'Scene';
/** The binding a player's client calls the scene through (`scene.move`, `scene.act`). */
export const SCENE_BINDING = 'scene';
const MAX_ACTION_LENGTH = 64;

export class Scene extends PersistentActor<SceneDocument> {
  override state: SceneDocument = newSceneDocument();
  private simulation: SceneSimulation | null = null;
  private timer: ActorTimer | null = null;
  private readonly tickTimes = new TickTimes();

  override async onActivate(): Promise<void> {
    await super.onActivate();
    const { status, snapshot } = this.state;
    if (status !== 'open' || snapshot === null) return;
    const saved = decodeSnapshot(this.ctx.id, snapshot);
    const simulation = SceneSimulation.restore(this._simulationOptions(saved.spec, saved.openedAtMs), saved);
    this.simulation = simulation;
    this._startTicking(simulation);
    const players = simulation.players();
    if (players.length > 0) this._push(players, SCENE_PUSH.resumed, { s: this.ctx.id });
  }

  override async onDeactivate(): Promise<void> {
    this._stopTicking();
    const simulation = this.simulation;
    if (simulation !== null && this.state.status === 'open') this._save(simulation, null, null);
    await super.onDeactivate();
  }

  /** Opens the scene with `spec` (idempotent: an open scene of the same type answers its info). */
  open(spec: SceneSpec): SceneInfo {
    this._openWith(checkSceneSpec(spec));
    return this.info();
  }

  /**
   * Adds the player (opening the scene with `spec` if it is not open) and binds its client as 'scene'. Rooms
   * admit only spec.players; maxPlayers and the rules' canJoin apply. Joining again answers the same info.
   * `bind: false` leaves the binding to the caller (`bindClient(ctx, playerId, 'scene', Scene, sceneId)`): the
   * bind is a round trip to the player's session, and a busy scene should not wait on each one in its turn.
   */
  async join(playerId: string, spec?: SceneSpec, options?: { readonly bind?: boolean }): Promise<JoinInfo> {
    if (!isPlayerId(playerId)) {
      throw new SceneJoinRefusedError(`scene ${this.ctx.id}: ${JSON.stringify(playerId)} is not a player id`);
    }
    const simulation = spec === undefined ? this._live('join') : this._openWith(checkSceneSpec(spec));
    const added = !simulation.hasPlayer(playerId);
    if (added) {
      this._admit(simulation, playerId);
      simulation.addPlayer(playerId, this.ctx.system.wheel.now());
    }
    if (options?.bind !== false) {
      try {
        await bindClient(this.ctx, playerId, SCENE_BINDING, SCENE_KIND, this.ctx.id);
      } catch (error) {
        if (added) simulation.removePlayer(playerId);
        throw error;
      }
    }
    const entity = simulation.player(playerId)!;
    const { rules } = simulation;
    return {
      sceneId: this.ctx.id,
      type: simulation.type,
      entityId: entity.id,
      x: entity.x,
      y: entity.y,
      width: rules.width,
      height: rules.height,
      cellSize: rules.cellSize,
      viewCells: rules.viewCells,
      tickHz: simulation.tickHz,
      maxSpeed: rules.maxSpeed,
    };
  }

  /**
   * Removes the player (others see its entity leave) and its client's 'scene' binding; false if it was not here.
   * `unbind: false` keeps the binding (the caller moves the player to another scene and rebinds it there).
   */
  async leave(playerId: string, options?: { readonly unbind?: boolean }): Promise<boolean> {
    const simulation = this.simulation;
    if (simulation === null || !simulation.removePlayer(playerId)) return false;
    if (options?.unbind === false) return true;
    await unbindClient(this.ctx, playerId, SCENE_BINDING).catch((error: unknown) =>
      this._report(error, `unbinding ${playerId} from scene ${this.ctx.id}`),
    );
    return true;
  }

  info(): SceneInfo {
    const simulation = this.simulation;
    return {
      sceneId: this.ctx.id,
      type: simulation?.type ?? this.state.type ?? '',
      tick: simulation?.tick ?? this.state.tick,
      players: simulation?.playerCount ?? 0,
      open: this.state.status === 'open',
      closed: this.state.status === 'closed',
    };
  }

  /** Closes the scene for good: 'scene.closed' to its players, their bindings removed, the actor deactivated. */
  async close(reason: string, result?: unknown): Promise<SceneInfo> {
    await this._close(String(reason), result ?? null);
    return this.info();
  }

  /** Client: queues a move toward (x, y) for the next tick (speed- and bounds-checked there). */
  move(playerId: string, x: number, y: number): void {
    this._live('move').queueMove(playerId, x, y);
  }

  /** Client: runs the rules' onAction now and answers its result. */
  act(playerId: string, action: string, args?: unknown): unknown {
    const simulation = this._live('act');
    if (typeof action !== 'string' || action.length === 0 || action.length > MAX_ACTION_LENGTH) {
      throw new InvalidSceneActionError(
        `scene ${this.ctx.id}: an action is a string of 1-${MAX_ACTION_LENGTH} characters`,
      );
    }
    if (!simulation.hasPlayer(playerId)) throw simulation.notInScene(playerId);
    const onAction = simulation.rules.rules.onAction;
    if (onAction === undefined) {
      throw new InvalidSceneActionError(`scene type ${simulation.type} takes no actions (its rules have no onAction)`);
    }
    return onAction(simulation, playerId, action, args ?? null);
  }

  /** Activates the scene (after a migration: on the node that now hosts it) and answers its info. */
  resume(): SceneInfo {
    return this.info();
  }

  /** Size and tick durations over the last ticks; `resetWindow` starts a fresh measurement window after reading. */
  stats(resetWindow = false): SceneStats {
    const simulation = this.simulation;
    const tickHz = simulation?.tickHz ?? 0;
    const times = this.tickTimes.summary(tickHz === 0 ? Number.POSITIVE_INFINITY : 1000 / tickHz);
    if (resetWindow) this.tickTimes.reset();
    return {
      sceneId: this.ctx.id,
      tick: simulation?.tick ?? this.state.tick,
      tickHz,
      players: simulation?.playerCount ?? 0,
      entities: simulation?.entityCount ?? 0,
      ticksMeasured: times.count,
      tickMsP50: times.p50Ms,
      tickMsP99: times.p99Ms,
      tickMsMax: times.maxMs,
      overruns: times.overruns,
    };
  }

  // ---- helpers (underscored: not messages) ----

  /** Players in this activation: the zone node's load counts them. */
  _playerCount(): number {
    return this.simulation?.playerCount ?? 0;
  }

  /** Open with a live simulation: what a drain hands over. */
  _isLive(): boolean {
    return this.simulation !== null && this.state.status === 'open';
  }

  _tick(): void {
    const simulation = this.simulation;
    if (simulation === null) return;
    const startedAt = performance.now();
    simulation.runTick(this.ctx.system.wheel.now());
    const tookMs = performance.now() - startedAt;
    this.tickTimes.record(tookMs);
    ZoneStats.of(this.ctx.system).tickSeconds.observe(tookMs / 1000);
  }

  _openWith(spec: SceneSpec): SceneSimulation {
    if (this.state.status === 'closed') throw this._closedError('open');
    const current = this.simulation;
    if (current !== null) {
      if (current.type === spec.type) return current;
      throw new InvalidSceneSpecError(
        `scene ${this.ctx.id} is open with type ${current.type}, not ${spec.type}; use another scene id`,
        { details: { sceneId: this.ctx.id, type: current.type, requested: spec.type } },
      );
    }
    const simulation = new SceneSimulation(this._simulationOptions(spec, Date.now()));
    simulation.rules.rules.onOpen?.(simulation);
    this.simulation = simulation;
    this.state.status = 'open';
    this.state.type = spec.type;
    this._save(simulation, null, null);
    this._startTicking(simulation);
    return simulation;
  }

  _simulationOptions(spec: SceneSpec, openedAtMs: number): SceneSimulationOptions {
    const registry = ZoneRegistry.of(this.ctx.system);
    const rules = registry.rulesOf(spec.type);
    const host: SceneHost = {
      ctx: this.ctx,
      push: (playerIds, event, data) => this._push(playerIds, event, data),
      close: (reason, result) => {
        this._close(reason, result).catch((error: unknown) => this._report(error, `closing scene ${this.ctx.id}`));
      },
      reportError: (error, where) => this._report(error, where),
    };
    return {
      id: this.ctx.id,
      spec,
      rules,
      tickHz: rules.tickHz ?? registry.tickHz,
      host,
      nowMs: this.ctx.system.wheel.now(),
      openedAtMs,
    };
  }

  _admit(simulation: SceneSimulation, playerId: string): void {
    const refuse = (reason: string) =>
      new SceneJoinRefusedError(`player ${playerId} cannot join scene ${this.ctx.id}: ${reason}`, {
        details: { sceneId: this.ctx.id, playerId, reason },
      });
    const { players } = simulation.spec;
    if (players !== undefined && !players.includes(playerId)) throw refuse("not one of this room's players");
    if (simulation.playerCount >= simulation.rules.maxPlayers) {
      throw refuse(`the scene is full (${simulation.rules.maxPlayers} players)`);
    }
    const verdict = simulation.rules.rules.canJoin?.(simulation, playerId) ?? true;
    if (verdict !== true) throw refuse(typeof verdict === 'string' ? verdict : 'refused by the rules');
  }

  _close(reason: string, result: unknown): Promise<void> {
    if (this.state.status === 'closed') return Promise.resolve();
    const simulation = this.simulation;
    const players = simulation?.players() ?? [];
    this._stopTicking();
    if (simulation !== null) {
      simulation.stopped = true;
      this._save(simulation, reason, result);
    }
    this.simulation = null;
    this.state.status = 'closed';
    if (players.length > 0) this._push(players, SCENE_PUSH.closed, { s: this.ctx.id, reason, result });
    this.ctx.deactivate();
    const unbinds = players.map((playerId) => unbindClient(this.ctx, playerId, SCENE_BINDING));
    return Promise.allSettled(unbinds).then((outcomes) => {
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') this._report(outcome.reason, `unbinding a player of scene ${this.ctx.id}`);
      }
    });
  }

  /** Writes what a handover needs into the document (saved by write-behind, and on deactivation). */
  _save(simulation: SceneSimulation, closeReason: string | null, closeResult: unknown): void {
    const snapshot = simulation.snapshot(closeReason, closeResult);
    if (closeReason !== null) {
      snapshot.entities = [];
      snapshot.players = [];
    }
    this.state.tick = simulation.tick;
    this.state.snapshot = encodeSnapshot(this.ctx.id, snapshot);
  }

  _startTicking(simulation: SceneSimulation): void {
    this._stopTicking();
    const periodMs = 1000 / simulation.tickHz;
    this.timer = this.ctx.setTimer(periodMs, () => this._tick(), { repeatMs: periodMs });
  }

  _stopTicking(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  _live(what: string): SceneSimulation {
    const simulation = this.simulation;
    if (simulation !== null) return simulation;
    if (this.state.status === 'closed') throw this._closedError(what);
    throw new SceneNotOpenError(`scene ${this.ctx.id} is not open (${what}): open it, or join it with a spec`, {
      details: { sceneId: this.ctx.id },
    });
  }

  _closedError(what: string): SceneClosedError {
    return new SceneClosedError(`scene ${this.ctx.id} is closed (${what}); open a scene with another id`, {
      details: { sceneId: this.ctx.id },
    });
  }

  _push(playerIds: readonly string[], event: string, data: unknown): void {
    this.ctx.clients(playerIds).push(event, data);
  }

  _report(error: unknown, where: string): void {
    this.ctx.system.options.onError(error, where);
  }
}

/** Registration options of Scene: directory-placed on zone nodes (least loaded), `move` and `act` for clients. */
export const SCENE_KIND_OPTIONS: KindOptions<MessageName<Scene>> = {
  name: SCENE_KIND,
  placement: 'directory',
  roles: [ZONE_ROLE],
  clientMethods: ['move', 'act'],
};
