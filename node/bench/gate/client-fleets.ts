// The parent's side of several client-fleet processes holding one server's connections between them: starts them
// (each with its own loopback source addresses), connects them all, and waits for, acks and stops them together.
import { BenchChild } from '../harness/bench-child.ts';
import type { ClientFleetConfig, ClientFleetStats } from './client-fleet.ts';
import { CLIENT_FLEET_PROGRAM } from './server-paths.ts';

export interface FleetSpec {
  readonly url: string;
  readonly processes: number;
  readonly connectionsPerProcess: number;
  /** Source addresses per process; process p uses 127.0.0.(firstAddress + p * addressesPerProcess + j). */
  readonly addressesPerProcess: number;
  readonly firstAddress: number;
  readonly pingEveryMs: number;
  readonly concurrency: number;
}

export class ClientFleets {
  private readonly fleets: readonly BenchChild<null>[];
  readonly connections: number;

  private constructor(fleets: readonly BenchChild<null>[], connections: number) {
    this.fleets = fleets;
    this.connections = connections;
  }

  /** Starts the processes and opens every connection; resolves with the slowest process's connect time. */
  static async connect(spec: FleetSpec): Promise<{ fleets: ClientFleets; connectSeconds: number }> {
    const fleets: BenchChild<null>[] = [];
    try {
      for (let p = 0; p < spec.processes; p++) {
        const config: ClientFleetConfig = {
          url: spec.url,
          first: p * spec.connectionsPerProcess,
          count: spec.connectionsPerProcess,
          localAddresses: Array.from(
            { length: spec.addressesPerProcess },
            (_, j) => `127.0.0.${spec.firstAddress + p * spec.addressesPerProcess + j}`,
          ),
          pingEveryMs: spec.pingEveryMs,
          concurrency: spec.concurrency,
        };
        fleets.push(await BenchChild.start<null>(`client process ${p}`, CLIENT_FLEET_PROGRAM, config));
      }
      const results = await Promise.all(fleets.map((f) => f.call<{ connected: number; seconds: number }>('connect')));
      const connections = results.reduce((sum, r) => sum + r.connected, 0);
      return {
        fleets: new ClientFleets(fleets, connections),
        connectSeconds: Math.max(...results.map((r) => r.seconds)),
      };
    } catch (error) {
      await Promise.all(fleets.map((f) => f.stop()));
      throw error;
    }
  }

  /** Resolves when every connection has received `total` pushes in all. */
  async awaitPushes(total: number): Promise<void> {
    await Promise.all(this.fleets.map((f) => f.call('awaitPushes', { total })));
  }

  /** Every connection ACKs the last push it received. */
  async ack(): Promise<void> {
    await Promise.all(this.fleets.map((f) => f.call('ack')));
  }

  async stats(): Promise<ClientFleetStats> {
    const all = await Promise.all(this.fleets.map((f) => f.call<ClientFleetStats>('stats')));
    const closes: Record<number, number> = {};
    for (const s of all) for (const [code, n] of Object.entries(s.closes)) closes[+code] = (closes[+code] ?? 0) + n;
    return {
      open: sum(all.map((s) => s.open)),
      pushes: sum(all.map((s) => s.pushes)),
      pingsSent: sum(all.map((s) => s.pingsSent)),
      framesReceived: sum(all.map((s) => s.framesReceived)),
      errors: sum(all.map((s) => s.errors)),
      closes,
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.fleets.map((f) => f.stop()));
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, n) => total + n, 0);
}
