// Helpers shared by the etcd provider tests: member registrations, waiting for a condition or an event with a
// deadline, and a random loopback address per suite. No jest imports, so failures surface as plain errors.
import type { ClusterProvider, ClusterProviderEvents } from '../cluster-provider.ts';
import type { MemberRegistration } from '../member.ts';

export function registration(name: string, roles: readonly string[] = ['zone']): MemberRegistration {
  return { name, roles, address: `127.0.0.1:${7000 + Math.floor(Math.random() * 1000)}`, status: 'active', load: 0 };
}

export function randomLoopbackHost(): string {
  return `127.0.0.${20 + Math.floor(Math.random() * 231)}`;
}

/** Polls `condition` every 20 ms until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Resolves with the arguments of the next `event` for which `accept` holds. */
export function nextEvent<E extends keyof ClusterProviderEvents>(
  provider: ClusterProvider,
  event: E,
  accept: (...args: Parameters<ClusterProviderEvents[E]>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Parameters<ClusterProviderEvents[E]>> {
  return new Promise((resolve, reject) => {
    const listener = ((...args: Parameters<ClusterProviderEvents[E]>) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      provider.off(event, listener);
      resolve(args);
    }) as ClusterProviderEvents[E];
    const timer = setTimeout(() => {
      provider.off(event, listener);
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    provider.on(event, listener);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Blocks the event loop, as a long GC pause or a CPU-bound handler would. */
export function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}
