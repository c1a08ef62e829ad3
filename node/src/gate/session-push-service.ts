// How actors reach game clients (ActorContext.client/clients): a push is a tell to Session/<playerId>.push, which
// the directory delivers to the gate holding that player's connection. Installed on every node, gate or not. A
// fan-out to many players is one tell each, and the mesh batches the tells bound for one gate into one frame per
// event-loop turn, so a broadcast costs one mesh frame per gate, not one per player.
import type { ClientPushService } from '../actor/actor-context.ts';
import type { ActorKind, MethodInfo } from '../actor/actor-kind.ts';
import type { ActorSystem } from '../actor/actor-system.ts';
import { InvalidGateConfigError, InvalidPushError } from './errors.ts';
import { FIELD_LIMITS, NAME_PATTERN } from './protocol/field-limits.ts';
import { SESSION_KIND } from './session.ts';

export class SessionPushService implements ClientPushService {
  private readonly kind: ActorKind;
  private readonly pushMethod: MethodInfo;
  private readonly onError: (error: unknown, where: string) => void;

  constructor(system: ActorSystem) {
    const kind = system.kind(SESSION_KIND);
    const pushMethod = kind?.methods.get('push');
    if (kind === undefined || pushMethod === undefined) {
      throw new InvalidGateConfigError(
        `register the ${SESSION_KIND} kind before the push service (installGate does both)`,
      );
    }
    this.kind = kind;
    this.pushMethod = pushMethod;
    this.onError = system.options.onError;
  }

  /**
   * Sends `event` to each player's session; a player with no session loses it (after strayLingerMs). Throws
   * InvalidPushError for an event name clients cannot receive; failures to reach one player are reported to the
   * system's onError and do not stop the others.
   */
  push(playerIds: readonly string[], event: string, data: unknown): void {
    if (typeof event !== 'string' || event.length > FIELD_LIMITS.maxNameLength || !NAME_PATTERN.test(event)) {
      throw new InvalidPushError(
        `push event ${JSON.stringify(event)} must be 1-${FIELD_LIMITS.maxNameLength} characters of ${NAME_PATTERN}`,
      );
    }
    const kind = this.kind;
    // One argument array for every player: messages never change their arguments.
    const args = [event, data];
    for (const playerId of playerIds) {
      try {
        kind.dispatch.tell(new kind.RefClass(kind, playerId, kind.askTimeoutMs), this.pushMethod, args, undefined);
      } catch (error) {
        this.onError(error, `push ${event} to player ${playerId}`);
      }
    }
  }
}
