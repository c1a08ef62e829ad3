// The runnable actor example `npm start` shows until the roles land: players trade gold through a bank of
// virtual actors with typed refs, timers, reentrant calls and fenced totals, then the system stops cleanly.
import { Actor, ActorSystem } from '../actor/index.ts';
import { SnowflakeGenerator } from '../ids/index.ts';

/** A player's wallet: gold can only move through the Bank, so the economy's total is conserved. */
export class Wallet extends Actor<{ gold: number }> {
  override state = { gold: 100 };
  gold(): number {
    return this.state.gold;
  }
  take(amount: number): boolean {
    if (this.state.gold < amount) return false;
    this.state.gold -= amount;
    return true;
  }
  give(amount: number): void {
    this.state.gold += amount;
  }
}

/** Moves gold between wallets one transfer at a time and keeps a receipt id per transfer. */
export class Bank extends Actor {
  transfers = 0;
  async transfer(from: string, to: string, amount: number, receiptId: string): Promise<string> {
    const taken = await this.ctx.ref(Wallet, from).take(amount);
    if (!taken) return `declined ${receiptId}`;
    await this.ctx.ref(Wallet, to).give(amount);
    this.transfers++;
    return `ok ${receiptId}`;
  }
  count(): number {
    return this.transfers;
  }
}

/** Ticks on a timer and reports how many transfers the bank made. */
export class Auditor extends Actor {
  reports: number[] = [];
  start(everyMs: number): void {
    this.ctx.setTimer(everyMs, async () => this.reports.push(await this.ctx.ref(Bank, 'central').count()), {
      repeatMs: everyMs,
    });
  }
  history(): number[] {
    return this.reports;
  }
}

export interface EconomyResult {
  players: number;
  transfers: number;
  declined: number;
  totalGoldBefore: number;
  totalGoldAfter: number;
  audits: number;
  elapsedMs: number;
}

/** Runs `transfers` random transfers among `players` wallets and checks that no gold appeared or vanished. */
export async function runEconomy(players = 200, transfers = 5000, forceSerialization = false): Promise<EconomyResult> {
  const started = performance.now();
  const system = new ActorSystem({ forceSerialization });
  system.register(Wallet);
  // One bank serves every transfer, all sent at once: its mailbox must hold them (the default bound is 10,000).
  system.register(Bank, { mailboxCapacity: 100_000 });
  system.register(Auditor);
  const ids = new SnowflakeGenerator({ workerId: 1 });
  const bank = system.ref(Bank, 'central');
  await system.ref(Auditor, 'audit').start(20);
  const names = Array.from({ length: players }, (_, i) => `player-${i}`);
  const before = (await Promise.all(names.map((n) => system.ref(Wallet, n).gold()))).reduce((a, b) => a + b, 0);
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const receipts = await Promise.all(
    Array.from({ length: transfers }, () =>
      bank.transfer(names[random(players)]!, names[random(players)]!, 1 + random(50), ids.nextString()),
    ),
  );
  const after = (await Promise.all(names.map((n) => system.ref(Wallet, n).gold()))).reduce((a, b) => a + b, 0);
  const audits = (await system.ref(Auditor, 'audit').history()).length;
  await system.stop();
  return {
    players,
    transfers: receipts.filter((r) => r.startsWith('ok')).length,
    declined: receipts.filter((r) => r.startsWith('declined')).length,
    totalGoldBefore: before,
    totalGoldAfter: after,
    audits,
    elapsedMs: Math.round(performance.now() - started),
  };
}
