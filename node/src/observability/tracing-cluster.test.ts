// Issue 7 point 7 on real processes: a gate, a world, a zone and a db node of the arena on etcd, each started with
// `--tracing otlp` pointed at an OTLP/HTTP receiver in this test. One client request (player.collect) yields one
// trace: the gate's span, the Player's turn on the world node and the Scene's turn on the zone node, linked
// parent to child across three processes.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GameClient } from '../client/game-client.ts';
import { EtcdTestServer } from '../cluster/etcd/index.ts';
import { ProcessCluster } from '../launch/process-cluster.ts';
import { postJson } from '../roles/world/testing-world.ts';

/** One span as the receiver decoded it from an OTLP/JSON export, with its process's resource. */
interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  readonly attributes: Record<string, unknown>;
  readonly instance: string;
  readonly pid: number;
}

interface OtlpAnyValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpAnyValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

/** An OTLP/HTTP traces endpoint (JSON encoding): keeps every span it is sent. */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly server: Server;
  exports = 0;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/v1/traces') {
          response.writeHead(404).end();
          return;
        }
        this.exports++;
        this.spans.push(...decodeExport(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function decodeExport(body: OtlpExport): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of body.resourceSpans ?? []) {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        spans.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          attributes: attributesOf(span.attributes),
          instance: String(resource['service.instance.id']),
          pid: Number(resource['process.pid']),
        });
      }
    }
  }
  return spans;
}

function attributesOf(list: OtlpAttribute[] | undefined): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    attributes[key] = value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
  }
  return attributes;
}

const receiver = new OtlpReceiver();
let etcd: EtcdTestServer;
let cluster: ProcessCluster | undefined;
let logDir: string;

beforeAll(async () => {
  const endpoint = await receiver.listen();
  logDir = mkdtempSync(join(tmpdir(), 'gamecluster-tracing-'));
  etcd = await EtcdTestServer.start();
  const host = etcd.host;
  const { NODE_OPTIONS: _jestOptions, ...env } = process.env;
  cluster = await ProcessCluster.start({
    app: 'arena',
    etcdEndpoint: etcd.endpoint,
    cluster: `tracing-${randomBytes(3).toString('hex')}`,
    clusterKey: randomBytes(32).toString('base64url'),
    pgliteDir: join(logDir, 'pglite'),
    logDir,
    meshHost: () => host,
    meshPort: () => 0,
    adminPort: () => 0,
    gateHost: host,
    gatePort: 0,
    topology: [
      { name: 'db-1', roles: ['db'] },
      { name: 'world-1', roles: ['world'] },
      { name: 'zone-1', roles: ['zone'] },
      { name: 'gate-1', roles: ['gate'] },
    ],
    extraArgs: ['--tracing', 'otlp', '--otlp-endpoint', endpoint],
    env,
  });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  await etcd?.dispose();
  await receiver.close();
  rmSync(logDir, { recursive: true, force: true });
}, 60_000);

describe('tracing across processes', () => {
  it('makes one client request one trace over the gate, world and zone processes', async () => {
    const gate = cluster!.gates[0]!;
    const login = await postJson(gate.httpUrl, '/auth/device', {
      deviceId: `tracing-${randomBytes(4).toString('hex')}`,
    });
    expect(login.status).toBe(200);
    const client = new GameClient({ reconnect: false, requestTimeoutMs: 10_000 });
    const session = await client.connect(gate.url, { token: login.json.token as string });
    try {
      await client.request('player.enterWorld');
      await client.request('player.collect', 1);
    } finally {
      client.close();
    }

    // Spans leave each node in batches (1 s): wait for the gate's span of the collect call and the zone's turn.
    const gateSpan = await eventually(() =>
      receiver.spans.find(
        (span) => span.name === 'gate Player.collect' && span.attributes['gamecluster.player.id'] === session.playerId,
      ),
    );
    const traceId = gateSpan.traceId;
    await eventually(() => receiver.spans.find((span) => span.traceId === traceId && span.name === 'Scene.act'));
    const trace = receiver.spans.filter((span) => span.traceId === traceId);

    const playerTurn = trace.find((span) => span.name === 'Player.collect')!;
    const sceneTurn = trace.find((span) => span.name === 'Scene.act')!;
    expect(gateSpan.parentSpanId).toBe('');
    expect(gateSpan.instance).toBe('gate-1');
    expect(playerTurn).toMatchObject({ parentSpanId: gateSpan.spanId, instance: 'world-1' });
    expect(sceneTurn).toMatchObject({ parentSpanId: playerTurn.spanId, instance: 'zone-1' });
    // Every span of the trace hangs off another span of it: one tree, one root.
    const ids = new Set(trace.map((span) => span.spanId));
    expect(trace.filter((span) => span.parentSpanId === '')).toEqual([gateSpan]);
    for (const span of trace) if (span !== gateSpan) expect(ids.has(span.parentSpanId)).toBe(true);
    expect(trace.length).toBeGreaterThanOrEqual(3);
    expect(new Set(trace.map((span) => span.pid)).size).toBeGreaterThanOrEqual(2);
    const pids = new Map(cluster!.nodes.map((node) => [node.name, node.pid]));
    expect(gateSpan.pid).toBe(pids.get('gate-1'));
    expect(sceneTurn.pid).toBe(pids.get('zone-1'));
  }, 60_000);
});

async function eventually<T>(find: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) {
      const names = [...new Set(receiver.spans.map((span) => `${span.instance}:${span.name}`))].join(', ');
      throw new Error(`not exported within ${timeoutMs} ms; ${receiver.exports} exports, spans: ${names}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
