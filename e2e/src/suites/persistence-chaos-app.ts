// The game code of the persistence chaos suite: an economy of accounts whose total gold never changes. A transfer
// debits the sender and records it in the sender's outbox, durably, before it is acknowledged; the credit then
// travels by tell (never an ask inside a turn, so two accounts paying each other cannot wait on each other), is
// applied once (the receiver remembers transfer ids), made durable, and confirmed back, which clears the outbox
// entry. Unconfirmed entries are sent again until confirmed, so every acknowledged transfer completes, whatever
// crashes in between.

import type { GameNode } from '../../../node/src/game-node.ts';
import { PersistentActor } from '../../../node/src/state/persistence/index.ts';

export const INITIAL_GOLD = 1_000;
const RESEND_AFTER_MS = 1_000;

export interface AccountState {
  gold: number;
  /** Debited transfers not yet confirmed by their receiver: id -> [to, amount, debitedAt]. */
  outbox: Record<string, [string, number, number]>;
  /** Every transfer this account sent (debited) and received (credited), by id. */
  sent: Record<string, 1>;
  received: Record<string, 1>;
}

export type TransferOutcome = 'ok' | 'declined';

export class Account extends PersistentActor<AccountState> {
  override state: AccountState = { gold: INITIAL_GOLD, outbox: {}, sent: {}, received: {} };

  override async onActivate(): Promise<void> {
    await super.onActivate();
    this.ctx.setTimer(RESEND_AFTER_MS, () => this._resend(), { repeatMs: RESEND_AFTER_MS });
  }

  /** Debits this account durably; the credit follows through the outbox. */
  async transfer(transferId: string, to: string, amount: number): Promise<TransferOutcome> {
    if (this.state.sent[transferId] !== undefined) return 'ok';
    if (to === this.ctx.id || this.state.gold < amount) return 'declined';
    this.state.gold -= amount;
    this.state.sent[transferId] = 1;
    this.state.outbox[transferId] = [to, amount, Date.now()];
    await this.persist();
    this.ctx.ref(Account, to).tell.credit(transferId, this.ctx.id, amount);
    return 'ok';
  }

  /** Applies a credit once, durably, then confirms it to the sender. */
  async credit(transferId: string, from: string, amount: number): Promise<void> {
    if (this.state.received[transferId] === undefined) {
      this.state.gold += amount;
      this.state.received[transferId] = 1;
    }
    await this.persist();
    this.ctx.ref(Account, from).tell.confirmed(transferId);
  }

  confirmed(transferId: string): void {
    delete this.state.outbox[transferId];
  }

  /** Unconfirmed transfers, for the harness's final wait. */
  pending(): number {
    return Object.keys(this.state.outbox).length;
  }

  gold(): number {
    return this.state.gold;
  }

  _resend(): void {
    const now = Date.now();
    for (const [transferId, [to, amount, debitedAt]] of Object.entries(this.state.outbox)) {
      if (now - debitedAt < RESEND_AFTER_MS) continue;
      try {
        this.ctx.ref(Account, to).tell.credit(transferId, this.ctx.id, amount);
      } catch {
        // Refused at once (peer overloaded, no member): the next round sends it again.
      }
    }
  }
}

export function register(node: GameNode): void {
  node.system.register(Account, { placement: 'directory', roles: ['worker'], idleTimeoutMs: 0 });
}
