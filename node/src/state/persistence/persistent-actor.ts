// The base class of actors whose `state` is saved (DESIGN §3): the field initialiser gives a new actor's state,
// onActivate loads the saved document (fenced by the activation epoch) and tracks it, writes to `this.state` are
// saved behind the actor's back, `await this.persist()` makes them durable now, and onDeactivate saves before the
// actor's directory entry is released. Subclasses that override onActivate/onDeactivate call super first/last.
import { Actor, type FRAMEWORK_MEMBERS, markFrameworkBase } from '../../actor/actor.ts';
import { Persistence } from './persistence.ts';

export abstract class PersistentActor<State extends object = object> extends Actor<State> {
  declare readonly [FRAMEWORK_MEMBERS]?: 'persist';

  override async onActivate(): Promise<void> {
    await Persistence.of(this.ctx.system).activate(this);
  }

  override async onDeactivate(): Promise<void> {
    await Persistence.of(this.ctx.system).deactivate(this);
  }

  /**
   * Resolves once the store acknowledged the current state (purchases, trades: before you answer). Rejects with
   * StaleEpochError when a newer activation owns the document (this one then stops serving), or with
   * PersistenceBackpressureError when too many documents wait for an unavailable store.
   */
  persist(): Promise<void> {
    return Persistence.of(this.ctx.system).persist(this);
  }
}

markFrameworkBase(PersistentActor);
