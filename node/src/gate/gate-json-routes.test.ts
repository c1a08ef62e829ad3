// JSON POST routes that server code adds to the gate's HTTP port (Gate.addJsonRoute): served whether added before
// or after start, with the body, the client's address and token issuing; the shared body limit, JSON errors and
// per-IP attempt limit; 405, 500 for a throwing handler (logged), and refused paths.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ClusterNode } from '../cluster/cluster-node.ts';
import { MemoryCluster, MemoryClusterProvider } from '../cluster/memory/index.ts';
import { InvalidGateConfigError } from './errors.ts';
import type { Gate } from './gate.ts';
import type { JsonRouteRequest } from './gate-http.ts';
import { type InstalledGate, installGate } from './install-gate.ts';
import { nextTestHost, registerTestKinds, TEST_CLUSTER_KEY } from './testing-gate.ts';
import { verifyToken } from './token.ts';

interface Started {
  readonly node: ClusterNode;
  readonly installed: InstalledGate;
  readonly gate: Gate;
  readonly logs: { event: string; fields: Record<string, unknown> }[];
  base(): string;
}

let started: Started | undefined;

afterEach(async () => {
  await started?.installed.stop();
  await started?.node.stop();
  started = undefined;
});

/** A gate node; `beforeStart` runs after the gate exists and before it listens. */
async function gateNode(
  attemptsPerIpPerMinute: number,
  beforeStart: (gate: Gate) => void = () => {},
): Promise<Started> {
  const host = nextTestHost();
  const logs: Started['logs'] = [];
  const node = new ClusterNode({
    name: 'gate',
    roles: ['gate', 'world'],
    provider: new MemoryClusterProvider({ cluster: new MemoryCluster(), leaseTtlMs: 2_000 }),
    mesh: { host, port: 0 },
    log: () => {},
  });
  registerTestKinds(node.system);
  const installed = installGate(node, {
    roles: ['gate', 'world'],
    gate: {
      clusterKey: TEST_CLUSTER_KEY,
      host,
      port: 0,
      attemptsPerIpPerMinute,
      log: (event, fields) => logs.push({ event, fields }),
    },
  });
  const gate = installed.gate!;
  beforeStart(gate);
  await node.start();
  await installed.start();
  started = { node, installed, gate, logs, base: () => gate.url.replace('ws://', 'http://').replace('/ws', '') };
  return started;
}

function post(
  base: string,
  path: string,
  body: string,
  method = 'POST',
  localAddress?: string,
): Promise<{ status: number; json: Record<string, unknown>; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method, localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, json: text === '' ? {} : JSON.parse(text), headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(method === 'GET' ? undefined : body);
  });
}

describe('Gate.addJsonRoute', () => {
  it('serves routes added before and after start, with the body, the address and tokens', async () => {
    const seen: JsonRouteRequest[] = [];
    const { gate, base } = await gateNode(100, (g) =>
      g.addJsonRoute('/early', (req) => {
        seen.push(req);
        return { status: 200, body: { early: req.body } };
      }),
    );
    gate.addJsonRoute('/late/login', async (req) => {
      const issued = req.issueToken((req.body as { who: string }).who, 60_000);
      return { status: 201, body: issued, headers: { 'x-route': 'late' } };
    });

    const from = nextTestHost();
    const early = await post(base(), '/early', JSON.stringify({ a: 1 }), 'POST', from);
    expect(early).toMatchObject({ status: 200, json: { early: { a: 1 } } });
    expect(seen[0]).toMatchObject({ path: '/early', body: { a: 1 }, remoteAddress: from });

    const late = await post(base(), '/late/login', JSON.stringify({ who: 'player-9' }));
    expect(late.status).toBe(201);
    expect(late.headers['x-route']).toBe('late');
    const claims = verifyToken(TEST_CLUSTER_KEY, late.json.token, Date.now());
    expect(claims).toMatchObject({ sub: 'player-9' });
    expect(claims.exp - claims.iat).toBe(60);
    expect(late.json).toMatchObject({ playerId: 'player-9', expiresAt: new Date(claims.exp * 1000).toISOString() });
  });

  it('answers 400 for bad JSON, 413 past the body limit, 405 for other methods, 404 for unknown paths', async () => {
    const { gate, base } = await gateNode(100);
    gate.addJsonRoute('/echo', (req) => ({ status: 200, body: { got: req.body } }));
    expect((await post(base(), '/echo', 'not json')).status).toBe(400);
    expect((await post(base(), '/echo', 'null')).json).toEqual({ got: null });
    expect((await post(base(), '/echo', JSON.stringify({ pad: 'x'.repeat(5000) }))).status).toBe(413);
    const get = await post(base(), '/echo', '', 'GET');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await post(base(), '/other', '{}')).status).toBe(404);
  });

  it('counts requests against the per-IP attempt limit unless told not to', async () => {
    const { gate, base } = await gateNode(2);
    gate.addJsonRoute('/limited', () => ({ status: 200, body: {} }));
    gate.addJsonRoute('/free', () => ({ status: 200, body: {} }), { limitAttempts: false });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(base(), '/limited', '{}')).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await post(base(), '/free', '{}')).status).toBe(200);
  });

  it('answers 500 for a handler that throws, and logs it', async () => {
    const { gate, base, logs } = await gateNode(100);
    gate.addJsonRoute('/sync-throw', () => {
      throw new Error('sync boom');
    });
    gate.addJsonRoute('/async-throw', async () => {
      throw new Error('async boom');
    });
    gate.addJsonRoute('/bad-token', (req) => ({ status: 200, body: req.issueToken('', 60_000) }));
    expect((await post(base(), '/sync-throw', '{}')).status).toBe(500);
    expect((await post(base(), '/async-throw', '{}')).status).toBe(500);
    expect((await post(base(), '/bad-token', '{}')).status).toBe(500);
    const failed = logs.filter((l) => l.event === 'gate.route_failed').map((l) => l.fields);
    expect(failed).toEqual([
      { path: '/sync-throw', error: 'Error: sync boom' },
      { path: '/async-throw', error: 'Error: async boom' },
      { path: '/bad-token', error: expect.stringMatching(/^GC_ERR_INVALID_GATE_CONFIG: /) },
    ]);
  });

  it('refuses malformed, reserved and duplicate paths', async () => {
    const { gate } = await gateNode(100);
    const handler = () => ({ status: 200, body: {} });
    for (const path of ['', 'no-slash', '/', '/a b', '/x?y', '/ws', '/healthz', '/dev/login', '/a//b']) {
      expect(() => gate.addJsonRoute(path, handler)).toThrow(InvalidGateConfigError);
    }
    gate.addJsonRoute('/once', handler);
    expect(() => gate.addJsonRoute('/once', handler)).toThrow(/already added/);
  });
});
