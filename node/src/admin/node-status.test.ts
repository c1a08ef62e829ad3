// /status counts players by role on a real zone cluster (memory provider, real mesh and gate): the gate node
// counts the client's connection in `players`, the zone node the player in its scene in `zonePlayers`.
import { afterEach, describe, expect, it } from '@jest/globals';
import { TestClient, testToken, waitFor } from '../gate/testing-gate.ts';
import { Scene } from '../roles/zone/scene.ts';
import { startZoneCluster, type ZoneTestCluster } from '../roles/zone/testing-zone.ts';
import { NO_DRAIN } from './drain-tracker.ts';
import { nodeStatus } from './node-status.ts';

let zone: ZoneTestCluster | undefined;

afterEach(async () => {
  await zone?.stop();
  zone = undefined;
});

describe('nodeStatus', () => {
  it('counts gate connections on the gate node and scene players on the zone node', async () => {
    zone = await startZoneCluster(
      [
        { name: 'front', roles: ['gate', 'db'] },
        { name: 'zone', roles: ['zone'] },
      ],
      { types: { field: { width: 100, height: 100, cellSize: 10, maxSpeed: 10 } } },
    );
    const front = zone.node('front').node;
    const zoneNode = zone.node('zone').node;
    expect(nodeStatus(zoneNode)).toMatchObject({ zonePlayers: 0, zoneScenes: 0, players: 0, drain: NO_DRAIN });

    const client = await TestClient.connect(zone.url);
    await client.hello(testToken('p1'));
    await front.system.ref(Scene, 'field-1').join('p1', { type: 'field' });
    await waitFor(() => nodeStatus(zoneNode).zonePlayers === 1, 5_000, 'the player in the scene');
    expect(nodeStatus(zoneNode)).toMatchObject({ roles: ['zone'], zonePlayers: 1, zoneScenes: 1, players: 0 });
    expect(nodeStatus(front)).toMatchObject({ roles: ['gate', 'db'], zonePlayers: 0, zoneScenes: 0, players: 1 });

    await front.system.ref(Scene, 'field-1').leave('p1');
    await waitFor(() => nodeStatus(zoneNode).zonePlayers === 0, 5_000, 'the player to leave');
    client.close();
    await client.closed;
  });
});
