// installGate on nodes with and without the gate role, and its configuration errors.
import { describe, expect, it } from '@jest/globals';
import { ActorSystem } from '../actor/actor-system.ts';
import { installGate } from './install-gate.ts';
import { SESSION_KIND } from './session.ts';
import { TEST_CLUSTER_KEY } from './testing-gate.ts';

describe('installGate', () => {
  it('on a node without the gate role: the Session kind and the push service, no gate', async () => {
    const system = new ActorSystem();
    const installed = installGate({ system }, { roles: ['world'] });
    expect(installed.gate).toBeNull();
    expect(system.kind(SESSION_KIND)).toBeDefined();
    expect(system.clientPush).toBe(installed.push);
    await installed.start();
    expect(await installed.drain()).toEqual({ migrated: 0, sessionsLeft: 0 });
    await installed.stop();
  });

  it('on a gate node (or an all-roles node): a Gate too', async () => {
    for (const roles of [['gate'], []]) {
      const system = new ActorSystem();
      const installed = installGate(
        { system },
        { roles, gate: { clusterKey: TEST_CLUSTER_KEY, host: '127.0.0.1', port: 0, log: () => {} } },
      );
      expect(installed.gate).not.toBeNull();
      await installed.start();
      expect(installed.gate!.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
      await installed.stop();
    }
  });

  it('refuses a gate node without a cluster key, or with bad options, before touching the system', () => {
    const system = new ActorSystem();
    expect(() => installGate({ system }, { roles: ['gate'] })).toThrow(/no cluster key/);
    expect(() =>
      installGate({ system }, { roles: ['gate'], gate: { clusterKey: TEST_CLUSTER_KEY, port: -1 } }),
    ).toThrow(/port/);
    expect(system.kind(SESSION_KIND)).toBeUndefined();
    installGate({ system }, { roles: ['world'] });
    expect(() => installGate({ system }, { roles: ['world'] })).toThrow(/already installed/);
  });
});
