// Zone load and placement across real nodes (a gate and db node, two zone nodes): a zone node publishes its scenes
// plus their players as its load, and new scenes go to the less-loaded zone node.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '../../gate/testing-gate.ts';
import { zoneLoad } from './install-zone.ts';
import { Scene } from './scene.ts';
import { startZoneCluster, type ZoneTestCluster, type ZoneTestNode } from './testing-zone.ts';

let zone: ZoneTestCluster;

beforeAll(async () => {
  zone = await startZoneCluster(
    [
      { name: 'gate-db', roles: ['gate', 'db'] },
      { name: 'zone-a', roles: ['zone'] },
      { name: 'zone-b', roles: ['zone'] },
    ],
    { types: { field: { width: 1000, height: 1000, cellSize: 100, maxSpeed: 100 } }, loadIntervalMs: 30 },
  );
});

afterAll(async () => {
  await zone.stop();
});

/** The load of `node` as the gate node (where placements are decided here) sees it. */
function seenLoad(node: ZoneTestNode): number | undefined {
  const gate = zone.node('gate-db').node.cluster.provider;
  return gate.members().get(node.node.cluster.member.id)?.load;
}

describe('zone placement', () => {
  it('publishes scenes plus players as the load, and places new scenes on the less-loaded zone node', async () => {
    const gate = zone.node('gate-db').node.system;
    const busyScene = gate.ref(Scene, 'busy');
    await busyScene.open({ type: 'field' });
    for (let i = 0; i < 10; i++) await busyScene.join(`crowd-${i}`);
    const busy = zone.hostOf('busy')!;
    const idle = zone.nodes.find((node) => node.name !== busy.name && node.name !== 'gate-db')!;
    expect(zoneLoad(busy.node.system)).toBe(11);
    expect(zoneLoad(idle.node.system)).toBe(0);
    expect(zoneLoad(gate)).toBe(0);
    await waitFor(() => seenLoad(busy) === 11 && seenLoad(idle) === 0, 5_000, 'loads published');

    for (let i = 0; i < 6; i++) await gate.ref(Scene, `fresh-${i}`).open({ type: 'field' });
    for (let i = 0; i < 6; i++) expect(zone.hostOf(`fresh-${i}`)?.name).toBe(idle.name);
    await waitFor(() => seenLoad(idle) === 6, 5_000, 'the idle node to publish its new scenes');

    // Now the idle node is the busier one by players: joins there make the other one the target.
    for (let i = 0; i < 12; i++) await gate.ref(Scene, 'fresh-0').join(`later-${i}`);
    await waitFor(() => seenLoad(idle) === 18, 5_000, 'the players to count');
    await gate.ref(Scene, 'after').open({ type: 'field' });
    expect(zone.hostOf('after')?.name).toBe(busy.name);
  });
});
