// The game code of the cluster chaos suite, loaded into every node with `--app`: a directory-placed actor that
// answers with who served it (member, epoch, time) and reports its serving interval on stdout, so the suite can
// check that no two activations of one actor ever served at overlapping times.
import { Actor } from '../../../node/src/actor/index.ts';
import type { GameNode } from '../../../node/src/game-node.ts';

export interface ServedBy {
  readonly node: string;
  readonly epoch: number;
  readonly servedAt: number;
  readonly count: number;
}

/** A stdout line about one activation: `act` (activated), `serve` (served calls up to `l`), `deact`. */
export interface ActivationLine {
  readonly event: 'chaos.act' | 'chaos.serve' | 'chaos.deact';
  /** actor id, member id, epoch, time (ms), first and last served call (ms, 0 = none yet) */
  readonly a: string;
  readonly n: string;
  readonly e: number;
  readonly t: number;
  readonly f: number;
  readonly l: number;
}

let currentNode: GameNode | undefined;
const live = new Set<ChaosActor>();
const REPORT_EVERY_MS = 200;

export class ChaosActor extends Actor {
  private first = 0;
  private last = 0;
  private reported = 0;
  private count = 0;
  private member = '';

  override onActivate(): void {
    this.member = currentNode?.cluster.provider.self?.id ?? '';
    live.add(this);
    this._report('chaos.act');
  }

  work(_n: number): ServedBy {
    const now = Date.now();
    if (this.first === 0) this.first = now;
    this.last = now;
    this.count++;
    return { node: this.member, epoch: this.ctx.epoch, servedAt: now, count: this.count };
  }

  override onDeactivate(): void {
    live.delete(this);
    this._report('chaos.deact');
  }

  _flush(): void {
    if (this.last > this.reported) this._report('chaos.serve');
  }

  _report(event: ActivationLine['event']): void {
    this.reported = this.last;
    const line: ActivationLine = {
      event,
      a: this.ctx.id,
      n: this.member,
      e: this.ctx.epoch,
      t: Date.now(),
      f: this.first,
      l: this.last,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

/** Registers the chaos kind; on worker nodes also starts the periodic serving reports. */
export function register(node: GameNode): void {
  currentNode = node;
  node.system.register(ChaosActor, { placement: 'directory', roles: ['worker'], idleTimeoutMs: 0 });
  const timer = setInterval(() => {
    for (const actor of live) actor._flush();
  }, REPORT_EVERY_MS);
  timer.unref();
}
