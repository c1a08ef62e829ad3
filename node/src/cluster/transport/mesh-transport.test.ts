// The mesh transport on real gRPC over loopback: messaging both ways over one stream, batching, payloads,
// typed errors, bounds and unknown peers.

import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ActorHandlerError, MailboxFullError, SerializationError } from '../../actor/errors.ts';
import { decodeEnvelope, encodeEnvelope } from '../../actor/serializer.ts';
import { toErrorData } from '../../errors/index.ts';
import { InvalidClusterConfigError, NodeFencedError, PeerOverloadedError, PeerUnavailableError } from '../errors.ts';
import { acceptedMetadata, MESH_SERVICE_DEFINITION } from './mesh-grpc.ts';
import { MeshTransport } from './mesh-transport.ts';
import {
  askEnvelope,
  connectAll,
  loopbackHost,
  startNode,
  type TestNode,
  TestPendingAsk,
  tellEnvelope,
  waitFor,
} from './testing-mesh.ts';

const started: TestNode[] = [];

async function node(id: string, options: Parameters<typeof startNode>[1] = {}): Promise<TestNode> {
  const started_ = await startNode(id, options);
  started.push(started_);
  return started_;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((n) => n.transport.close()));
});

async function pair(): Promise<[TestNode, TestNode]> {
  const a = await node('a.1');
  const b = await node('b.1');
  connectAll([a, b]);
  return [a, b];
}

describe('MeshTransport messaging', () => {
  it('carries tells and asks both ways over one stream per pair, dialled by the lower id', async () => {
    const [a, b] = await pair();
    a.transport.tell('b.1', tellEnvelope('c1', 'add', [1]), 0);
    b.transport.tell('a.1', tellEnvelope('c2', 'add', [2]), 3);
    const fromA = new TestPendingAsk();
    const fromB = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c3', 'get', ['x']), 1, fromA);
    b.transport.ask('a.1', askEnvelope('c4', 'get', ['y']), 0, fromB);
    expect(await fromA.result).toEqual(['x']);
    expect(await fromB.result).toEqual(['y']);
    await waitFor(() => a.handler.received.length === 2 && b.handler.received.length === 2, 'deliveries');

    expect(b.handler.received[0]).toEqual({ from: 'a.1', envelope: tellEnvelope('c1', 'add', [1]), hops: 0 });
    expect(a.handler.received[0]).toEqual({ from: 'b.1', envelope: tellEnvelope('c2', 'add', [2]), hops: 3 });
    const ask = b.handler.received[1]!;
    expect(ask.hops).toBe(1);
    expect(ask.envelope.requestId).toBeGreaterThan(0);
    expect(ask.envelope.timeoutMs).toBe(5000);
    expect(ask.envelope.chain).toBe(7);

    const statsA = a.transport.stats();
    const statsB = b.transport.stats();
    expect([statsA.streams, statsB.streams]).toEqual([1, 1]);
    expect([statsA.streamsDialed, statsA.streamsAccepted]).toEqual([1, 0]);
    expect([statsB.streamsDialed, statsB.streamsAccepted]).toEqual([0, 1]);
    expect(statsA.pendingAsks + statsB.pendingAsks).toBe(0);
  });

  it('sends what was queued before the stream existed, in order', async () => {
    const a = await node('a.1');
    const b = await node('b.1');
    // b learns of a first: it must not dial (a sorts lower) and queues until a's stream arrives
    b.transport.updatePeers([{ id: 'a.1', address: a.address }]);
    for (let i = 0; i < 5; i++) b.transport.tell('a.1', tellEnvelope('c', 'add', [i]), 0);
    expect(b.transport.stats().queued).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.handler.received).toHaveLength(0);
    a.transport.updatePeers([{ id: 'b.1', address: b.address }]);
    await waitFor(() => a.handler.received.length === 5, 'queued tells');
    expect(a.handler.received.map((r) => r.envelope.args[0])).toEqual([0, 1, 2, 3, 4]);
    expect(b.transport.stats().streamsDialed).toBe(0);
  });

  it('batches the messages of one event-loop turn into few frames', async () => {
    const [a, b] = await pair();
    const warm = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, warm);
    await warm.result;
    const framesBefore = a.transport.stats().framesSent;
    for (let i = 0; i < 3000; i++) a.transport.tell('b.1', tellEnvelope(`c${i % 10}`, 'add', [i]), 0);
    await waitFor(() => b.handler.received.length === 3001, '3000 tells');
    expect(a.transport.stats().framesSent - framesBefore).toBe(1);
    expect(b.handler.received.slice(1).map((r) => r.envelope.args[0])).toEqual(
      Array.from({ length: 3000 }, (_, i) => i),
    );
  });

  it('cuts frames at maxBatchEnvelopes', async () => {
    const a = await node('a.1', { maxBatchEnvelopes: 100 });
    const b = await node('b.1');
    connectAll([a, b]);
    for (let i = 0; i < 1000; i++) a.transport.tell('b.1', tellEnvelope('c', 'add', [i]), 0);
    await waitFor(() => b.handler.received.length === 1000, '1000 tells');
    expect(a.transport.stats().framesSent).toBe(10);
  });

  it('round-trips payloads as the envelope serializer does (bigint, Map, Set, bytes, nested)', async () => {
    const [a, b] = await pair();
    const args = [
      123n,
      -(2n ** 40n),
      2n ** 80n,
      new Map<unknown, unknown>([
        ['k', 1],
        ['nested', { deep: [1, 'x', null, { more: true }] }],
      ]),
      new Set(['s']),
      new Uint8Array([1, 2, 3]),
      { list: [1.5, 'é☃', undefined], when: new Date(0) },
      'plain',
    ];
    // many envelopes with repeated and distinct strings exercise the string table
    for (let i = 0; i < 20; i++)
      a.transport.tell('b.1', tellEnvelope(`id-${i % 3}`, i % 2 ? 'm1' : 'm2', args, `K${i % 4}`), 0);
    await waitFor(() => b.handler.received.length === 20, 'tells');
    const local = decodeEnvelope(encodeEnvelope(tellEnvelope('x', 'm', args)));
    for (const [i, received] of b.handler.received.entries()) {
      expect(received.envelope.kind).toBe(`K${i % 4}`);
      expect(received.envelope.id).toBe(`id-${i % 3}`);
      expect(received.envelope.method).toBe(i % 2 ? 'm1' : 'm2');
      expect(received.envelope.args).toEqual(local.args);
    }
  });

  it('returns error responses as the same typed error classes', async () => {
    const [a, b] = await pair();
    b.handler.answer = (envelope) => {
      if (envelope.method === 'full') return { ok: false, error: toErrorData(new MailboxFullError('mailbox full')) };
      if (envelope.method === 'fenced') return { ok: false, error: toErrorData(new NodeFencedError('fenced')) };
      throw new Error('handler blew up');
    };
    const full = new TestPendingAsk();
    const fenced = new TestPendingAsk();
    const thrown = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'full', []), 0, full);
    a.transport.ask('b.1', askEnvelope('c', 'fenced', []), 0, fenced);
    a.transport.ask('b.1', askEnvelope('c', 'throws', []), 0, thrown);
    await expect(full.result).rejects.toBeInstanceOf(MailboxFullError);
    await expect(full.result).rejects.toMatchObject({ code: 'GC_ERR_MAILBOX_FULL', message: 'mailbox full' });
    await expect(fenced.result).rejects.toBeInstanceOf(NodeFencedError);
    await expect(thrown.result).rejects.toBeInstanceOf(ActorHandlerError);
    await expect(thrown.result).rejects.toMatchObject({ message: 'handler blew up' });
    expect(b.transport.stats().handlerErrors).toBe(1);
  });

  it('answers an ask from a peer its membership view does not name yet', async () => {
    const a = await node('a.1');
    const b = await node('b.1');
    a.transport.updatePeers([{ id: 'b.1', address: b.address }]);
    const pending = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', [42]), 0, pending);
    expect(await pending.result).toEqual([42]);
    expect(b.transport.stats().peers).toBe(0);
    expect(() => b.transport.tell('a.1', tellEnvelope('c', 'add', [1]), 0)).toThrow(PeerUnavailableError);
    b.transport.updatePeers([{ id: 'a.1', address: a.address }]);
    b.transport.tell('a.1', tellEnvelope('c', 'add', [1]), 0);
    await waitFor(() => a.handler.received.length === 1, 'tell on the accepted stream');
    expect(b.transport.stats().streams).toBe(1);
  });
});

describe('MeshTransport refusals', () => {
  it('listens once, and says clearly when its port is taken', async () => {
    const a = await node('a.1');
    expect(await a.transport.listen()).toBe(a.address);
    const at = a.address.lastIndexOf(':');
    const clash = new MeshTransport({
      selfId: 'x.1',
      host: a.address.slice(0, at),
      port: Number(a.address.slice(at + 1)),
      handler: { onEnvelope() {} },
    });
    const grpcLog = jest.spyOn(console, 'error').mockImplementation(() => {}); // grpc-js logs the failed bind too
    try {
      await expect(clash.listen()).rejects.toBeInstanceOf(InvalidClusterConfigError);
      await expect(clash.listen()).rejects.toThrow(/cannot listen on .*choose a free port/);
    } finally {
      grpcLog.mockRestore();
      await clash.close();
    }
  });

  it('throws PeerUnavailableError for a peer it does not know', async () => {
    const a = await node('a.1');
    expect(() => a.transport.tell('nobody', tellEnvelope('c', 'add', [1]), 0)).toThrow(PeerUnavailableError);
    expect(() => a.transport.ask('nobody', askEnvelope('c', 'get', []), 0, new TestPendingAsk())).toThrow(
      PeerUnavailableError,
    );
    a.transport.respond('nobody', 1, { ok: true, value: 1 });
    expect(a.transport.stats().responsesDropped).toBe(1);
  });

  it('throws PeerOverloadedError once maxQueuedPerPeer messages wait for a peer', async () => {
    const a = await node('a.1', { maxQueuedPerPeer: 10 });
    // a peer that never answers: nothing listens on port 1
    a.transport.updatePeers([{ id: 'b.1', address: '127.0.0.1:1' }]);
    for (let i = 0; i < 9; i++) a.transport.tell('b.1', tellEnvelope('c', 'add', [i]), 0);
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, new TestPendingAsk());
    expect(() => a.transport.tell('b.1', tellEnvelope('c', 'add', [10]), 0)).toThrow(PeerOverloadedError);
    expect(() => a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, new TestPendingAsk())).toThrow(
      PeerOverloadedError,
    );
    expect(a.transport.stats().queued).toBe(10);
  });

  it('stops writing when the stream pushes back, then refuses sends once the queue is full', async () => {
    // a peer that accepts the stream and never reads from it
    const server = new grpc.Server();
    server.addService(MESH_SERVICE_DEFINITION, {
      Connect: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => call.sendMetadata(acceptedMetadata('b.1')),
    });
    const host = loopbackHost();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:0`, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    try {
      const a = await node('a.1', { maxQueuedPerPeer: 200, maxBatchEnvelopes: 1 });
      a.transport.updatePeers([{ id: 'b.1', address: `${host}:${port}` }]);
      await waitFor(() => a.transport.stats().streams === 1, 'the stream');
      const payload = 'x'.repeat(4096);
      let refused: unknown;
      for (let turn = 0; turn < 200 && refused === undefined; turn++) {
        try {
          for (let i = 0; i < 20; i++) a.transport.tell('b.1', tellEnvelope('c', 'add', [payload]), 0);
        } catch (error) {
          refused = error;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(refused).toBeInstanceOf(PeerOverloadedError);
      // HTTP/2 and the stream's buffers took some frames, then writing stopped and the queue filled up
      const framesSent = a.transport.stats().framesSent;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(a.transport.stats()).toMatchObject({ queued: 200, framesSent });
    } finally {
      server.forceShutdown();
    }
  });

  it('fails only the message whose arguments cannot be encoded', async () => {
    const [a, b] = await pair();
    a.transport.tell('b.1', tellEnvelope('c', 'add', [1]), 0);
    expect(() => a.transport.tell('b.1', tellEnvelope('c', 'add', [() => 1]), 0)).toThrow(SerializationError);
    expect(() => a.transport.tell('b.1', tellEnvelope('c', 'add', [{ s: Symbol('x') }]), 0)).toThrow(
      SerializationError,
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => a.transport.tell('b.1', tellEnvelope('c', 'add', [cyclic]), 0)).toThrow(SerializationError);
    const badAsk = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', [{ f: () => 1 }]), 0, badAsk);
    await expect(badAsk.result).rejects.toBeInstanceOf(SerializationError);
    // passes the check at send time, then throws when the frame is encoded: the rest of the batch still goes
    let reads = 0;
    const treacherous = {
      get value() {
        if (++reads > 1) throw new Error('changed its mind');
        return 1;
      },
    };
    const lateAsk = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', [treacherous]), 0, lateAsk);
    a.transport.tell('b.1', tellEnvelope('c', 'add', [2]), 0);
    await expect(lateAsk.result).rejects.toBeInstanceOf(SerializationError);
    await waitFor(() => b.handler.received.length === 2, 'the good tells');
    expect(b.handler.received.map((r) => r.envelope.args)).toEqual([[1], [2]]);
    expect(a.transport.stats().encodeFailures).toBe(5);
  });

  it.each([
    { desc: 'a numeric id', envelope: { ...tellEnvelope('c', 'add', [1]), id: 5 }, hops: 0 },
    { desc: 'args not an array', envelope: { ...tellEnvelope('c', 'add', [1]), args: 'x' }, hops: 0 },
    { desc: 'negative hops', envelope: tellEnvelope('c', 'add', [1]), hops: -1 },
    { desc: 'fractional hops', envelope: tellEnvelope('c', 'add', [1]), hops: 1.5 },
    { desc: 'a missing trace', envelope: { ...tellEnvelope('c', 'add', [1]), trace: undefined }, hops: 0 },
  ])('refuses an envelope with $desc before it can break the stream', async ({ envelope, hops }) => {
    const [a, b] = await pair();
    expect(() => a.transport.tell('b.1', envelope as never, hops)).toThrow(/malformed envelope/);
    a.transport.tell('b.1', tellEnvelope('c', 'add', [2]), 0);
    await waitFor(() => b.handler.received.length === 1, 'the good tell');
    expect(b.transport.stats().protocolErrors).toBe(0);
  });

  it('refuses an ask whose timeout is not a number', async () => {
    const [a] = await pair();
    const pending = new TestPendingAsk();
    a.transport.ask('b.1', { ...askEnvelope('c', 'get', []), timeoutMs: '5' as never }, 0, pending);
    await expect(pending.result).rejects.toThrow(/timeoutMs/);
  });

  it('keeps the stream when a handler answers with a bad request id or bad error data', async () => {
    const [a, b] = await pair();
    b.handler.answer = () => ({ ok: false, error: { oops: true } as never });
    const pending = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, pending);
    await expect(pending.result).rejects.toMatchObject({ code: 'GC_ERR_HANDLER' });
    b.transport.respond('a.1', 0, { ok: true, value: 1 });
    expect(b.transport.stats().responsesDropped).toBe(1);
    b.handler.answer = (envelope) => ({ ok: true, value: envelope.args });
    const again = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', ['still']), 0, again);
    expect(await again.result).toEqual(['still']);
    expect(a.transport.stats().protocolErrors).toBe(0);
  });

  it('sends an unencodable result back as a SerializationError', async () => {
    const [a, b] = await pair();
    b.handler.answer = () => ({ ok: true, value: { callback: () => 1 } });
    const pending = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, pending);
    await expect(pending.result).rejects.toBeInstanceOf(SerializationError);
  });

  it('refuses a message larger than a frame at send time', async () => {
    const [a] = await pair();
    expect(() => a.transport.tell('b.1', tellEnvelope('c', 'add', ['x'.repeat(5 * 1024 * 1024)]), 0)).toThrow(
      SerializationError,
    );
  });

  it('forgets asks whose caller stopped waiting', async () => {
    const a = await node('a.1', { sweepIntervalMs: 20 });
    const b = await node('b.1');
    connectAll([a, b]);
    b.handler.answer = () => undefined;
    const pending = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', []), 0, pending);
    await waitFor(() => b.handler.received.length === 1, 'the ask');
    expect(a.transport.stats().pendingAsks).toBe(1);
    pending.fail(new Error('deadline passed'));
    await waitFor(() => a.transport.stats().pendingAsks === 0, 'the sweep');
  });
});
