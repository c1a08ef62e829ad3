// Helpers shared by the memory provider's tests: registrations, providers that are left after each test, and an
// event recorder.
import type { ClusterProviderEvents } from '../cluster-provider.ts';
import type { MemberRegistration } from '../member.ts';
import type { MemoryCluster } from './memory-cluster.ts';
import { MemoryClusterProvider } from './memory-cluster-provider.ts';

export function registration(name: string, overrides: Partial<MemberRegistration> = {}): MemberRegistration {
  return { name, roles: ['zone'], address: `127.0.0.1:${7000 + name.length}`, status: 'active', load: 0, ...overrides };
}

/** Makes providers on one cluster and leaves them all in `leaveAll` (call it from afterEach). */
export class ProviderPool {
  readonly cluster: MemoryCluster;
  readonly #providers: MemoryClusterProvider[] = [];

  constructor(cluster: MemoryCluster) {
    this.cluster = cluster;
  }

  provider(leaseTtlMs?: number): MemoryClusterProvider {
    const provider = new MemoryClusterProvider({ cluster: this.cluster, leaseTtlMs });
    this.#providers.push(provider);
    return provider;
  }

  async joined(name: string, overrides: Partial<MemberRegistration> = {}): Promise<MemoryClusterProvider> {
    const provider = this.provider();
    await provider.join(registration(name, overrides));
    return provider;
  }

  async leaveAll(): Promise<void> {
    this.cluster.setReachable(true);
    await Promise.all(this.#providers.map((provider) => provider.leave()));
  }
}

/** Every event a provider emitted, as short strings in order (`claimed Scene/1@7`, `members a.1,b.2`...). */
export function recordEvents(provider: MemoryClusterProvider): string[] {
  const events: string[] = [];
  const listeners: { [E in keyof ClusterProviderEvents]: ClusterProviderEvents[E] } = {
    members: (members) => events.push(`members ${[...members.keys()].join(',')}`),
    claimed: (entry) => events.push(`claimed ${entry.kind}/${entry.id}@${entry.epoch}`),
    removed: (entry) => events.push(`removed ${entry.kind}/${entry.id}@${entry.epoch}`),
    fenced: () => events.push('fenced'),
    rejoined: (self) => events.push(`rejoined ${self.id}`),
    health: (health) => events.push(`health ${health}`),
  };
  provider.on('members', listeners.members);
  provider.on('claimed', listeners.claimed);
  provider.on('removed', listeners.removed);
  provider.on('fenced', listeners.fenced);
  provider.on('rejoined', listeners.rejoined);
  provider.on('health', listeners.health);
  return events;
}

/** Resolves with the arguments of the next `event` the provider emits. */
export function nextEvent<E extends keyof ClusterProviderEvents>(
  provider: MemoryClusterProvider,
  event: E,
): Promise<Parameters<ClusterProviderEvents[E]>> {
  return new Promise((resolve) => {
    const listener = ((...args: Parameters<ClusterProviderEvents[E]>) => {
      provider.off(event, listener);
      resolve(args);
    }) as ClusterProviderEvents[E];
    provider.on(event, listener);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
