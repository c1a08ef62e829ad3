// Leader election on a Lease over real HTTP (kube-sim): of two replicas started together exactly one leads; the
// other takes over at once when the leader releases the Lease, and after a lease duration when the leader
// vanishes without releasing it; a leader that cannot renew within its renew deadline stops leading.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoordinationV1Api, KubeConfig } from '@kubernetes/client-node';
import { type KubeSim, startKubeSim } from '../../../e2e/kube-sim/src/index.ts';
import { LeaderElection } from './leader-election.ts';

let sim: KubeSim;
let api: CoordinationV1Api;

beforeAll(async () => {
  sim = await startKubeSim();
  const config = new KubeConfig();
  config.loadFromFile(sim.kubeconfigPath);
  api = config.makeApiClient(CoordinationV1Api);
});

afterAll(async () => {
  await sim?.stop();
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not reached in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

function replica(name: string, lease: string, leaseDurationMs = 1_000) {
  const state = { leading: false, started: 0, stopped: 0 };
  const election = new LeaderElection({
    api,
    namespace: 'default',
    name: lease,
    identity: name,
    leaseDurationMs,
    retryPeriodMs: 100,
    onStartedLeading: () => {
      state.leading = true;
      state.started++;
    },
    onStoppedLeading: () => {
      state.leading = false;
      state.stopped++;
    },
  });
  return { election, state };
}

describe('LeaderElection', () => {
  it('lets exactly one of two replicas lead, and hands over at once when the leader releases the Lease', async () => {
    const a = replica('a', 'release');
    const b = replica('b', 'release');
    a.election.start();
    b.election.start();
    await waitFor(() => a.state.leading || b.state.leading, 'a leader');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Number(a.state.leading) + Number(b.state.leading)).toBe(1);
    const [leader, follower] = a.state.leading ? [a, b] : [b, a];
    await leader.election.stop();
    expect(leader.state.stopped).toBe(1);
    // Released: the follower takes it at its next try, well within a lease duration.
    const handover = await waitFor(() => follower.state.leading, 'handover');
    expect(handover).toBeLessThan(800);
    const lease = await api.readNamespacedLease({ name: 'release', namespace: 'default' });
    expect(lease.spec?.holderIdentity).toBe(follower === a ? 'a' : 'b');
    expect(lease.spec?.leaseTransitions).toBeGreaterThanOrEqual(1);
    await follower.election.stop();
  });

  it('takes over from a leader that vanished once its lease has run out on the follower’s clock', async () => {
    const a = replica('a', 'vanish', 600);
    a.election.start();
    await waitFor(() => a.state.leading, 'a leads');
    // The leader's process dies: no release, no more renewals.
    (a.election as unknown as { stopped: boolean }).stopped = true;
    const b = replica('b', 'vanish', 600);
    b.election.start();
    const waited = await waitFor(() => b.state.leading, 'b takes over');
    expect(waited).toBeGreaterThanOrEqual(500);
    await b.election.stop();
  });

  it('stops leading when it cannot renew within its renew deadline', async () => {
    const a = replica('a', 'lost', 600);
    a.election.start();
    await waitFor(() => a.state.leading, 'a leads');
    // Someone else takes the Lease (an administrator, or a replica that saw it expire during a partition).
    const lease = await api.readNamespacedLease({ name: 'lost', namespace: 'default' });
    await api.replaceNamespacedLease({
      name: 'lost',
      namespace: 'default',
      body: { ...lease, spec: { ...lease.spec, holderIdentity: 'intruder', renewTime: new Date() } },
    });
    // Keep the intruder's record fresh so a cannot take it back.
    const keepFresh = setInterval(() => {
      void api.readNamespacedLease({ name: 'lost', namespace: 'default' }).then((current) =>
        api
          .replaceNamespacedLease({
            name: 'lost',
            namespace: 'default',
            body: { ...current, spec: { ...current.spec, holderIdentity: 'intruder', renewTime: new Date() } },
          })
          .catch(() => undefined),
      );
    }, 100);
    try {
      await waitFor(() => !a.state.leading, 'a stops leading', 3_000);
      expect(a.state.stopped).toBe(1);
    } finally {
      clearInterval(keepFresh);
      await a.election.stop();
    }
  });
});
