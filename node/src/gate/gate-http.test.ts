// The gate's HTTP side on a real server: /healthz, the dev login (on, off, bad bodies, its per-IP limit), and
// upgrades to paths other than /ws.

import { request } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { GateOptions } from './gate-options.ts';
import { gateUrl, startTestNodes, stopTestNodes, TestClient, type TestNode } from './testing-gate.ts';

let nodes: TestNode[] = [];

afterEach(async () => {
  await stopTestNodes(nodes);
  nodes = [];
});

async function gateWith(options: Partial<GateOptions>): Promise<string> {
  nodes = await startTestNodes([{ name: 'solo', roles: ['gate', 'world'], gate: options }]);
  return gateUrl(nodes[0]!).replace('ws://', 'http://').replace('/ws', '');
}

function http(
  base: string,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, json: text === '' ? {} : JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('gate HTTP', () => {
  it('GET /healthz answers 200 while serving and 503 while draining', async () => {
    const base = await gateWith({ drainTimeoutMs: 0 });
    expect(await http(base, 'GET', '/healthz')).toEqual({
      status: 200,
      json: { status: 'ok', serving: true, connections: 0, sessions: 0 },
    });
    await nodes[0]!.installed.drain();
    expect((await http(base, 'GET', '/healthz')).status).toBe(503);
  });

  it('POST /dev/login gives a token that logs in', async () => {
    const base = await gateWith({ devLogin: true });
    const { status, json } = await http(base, 'POST', '/dev/login', JSON.stringify({ playerId: 'dev-1' }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ playerId: 'dev-1', token: expect.any(String), expiresAt: expect.any(String) });
    const client = await TestClient.connect(gateUrl(nodes[0]!));
    expect((await client.hello(json.token as string)).playerId).toBe('dev-1');
    client.close();
  });

  it('refuses bad dev-login bodies with 400/413/405', async () => {
    const base = await gateWith({ devLogin: true });
    expect((await http(base, 'POST', '/dev/login', 'not json')).status).toBe(400);
    expect((await http(base, 'POST', '/dev/login', JSON.stringify({ playerId: 'has space' }))).status).toBe(400);
    expect((await http(base, 'POST', '/dev/login', JSON.stringify({ playerId: 7 }))).status).toBe(400);
    expect((await http(base, 'POST', '/dev/login', 'null')).status).toBe(400);
    expect((await http(base, 'POST', '/dev/login', 'x'.repeat(10_000))).status).toBe(413);
    expect((await http(base, 'GET', '/dev/login')).status).toBe(405);
  });

  it('has no dev login unless enabled (404)', async () => {
    const base = await gateWith({});
    expect((await http(base, 'POST', '/dev/login', JSON.stringify({ playerId: 'x' }))).status).toBe(404);
  });

  it('limits dev logins per IP address (429)', async () => {
    const base = await gateWith({ devLogin: true, attemptsPerIpPerMinute: 2 });
    const body = JSON.stringify({ playerId: 'p' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await http(base, 'POST', '/dev/login', body)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('refuses WebSocket upgrades on other paths (404)', async () => {
    await gateWith({});
    const url = gateUrl(nodes[0]!).replace('/ws', '/other');
    await expect(TestClient.connect(url)).rejects.toThrow(/404/);
  });
});
