// The frame encoder and decoder together: records round-trip with a string table holding each name once; a
// frame that breaks the layout is refused whole, with what is wrong.
import { describe, expect, it } from '@jest/globals';
import { Packr } from 'msgpackr';
import type { Envelope } from '../../actor/envelope.ts';
import type { SerializationError } from '../../actor/errors.ts';
import { deliverFrame, MeshFrameDecoder } from './mesh-frame-decoder.ts';
import { encodeFrames, MeshFrameEncoder } from './mesh-frame-encoder.ts';
import { MESH_MSGPACK_OPTIONS, MESH_PROTOCOL_VERSION, MeshRecordKind } from './mesh-wire.ts';
import { OutboundRecord } from './outbound-record.ts';
import { TestPendingAsk, tellEnvelope } from './testing-mesh.ts';

function collect(slots: unknown[]) {
  const out: unknown[] = [];
  deliverFrame(slots, {
    envelope: (envelope: Envelope, hops: number) => out.push({ envelope, hops }),
    response: (requestId: number, ok: boolean, payload: unknown) => out.push({ requestId, ok, payload }),
  });
  return out;
}

const packr = new Packr(MESH_MSGPACK_OPTIONS);
const V = MESH_PROTOCOL_VERSION;

describe('mesh frame codec', () => {
  it('round-trips every record kind and sends each name once', () => {
    const ask: Envelope = {
      kind: 'Player',
      id: 'p1',
      method: 'buy',
      args: ['sword', 2n],
      requestId: 99,
      timeoutMs: 250,
      chain: 5,
      trace: 'tp',
    };
    const records = [
      new OutboundRecord(
        MeshRecordKind.Tell,
        tellEnvelope('p1', 'grant', [10], 'Player'),
        2,
        0,
        undefined,
        undefined,
        0,
      ),
      new OutboundRecord(MeshRecordKind.Ask, ask, 0, 17, undefined, new TestPendingAsk(), 0),
      new OutboundRecord(MeshRecordKind.Ok, undefined, 0, 3, { gold: 5 }, undefined, 0),
      new OutboundRecord(MeshRecordKind.Error, undefined, 0, 4, { code: 'GC_ERR_X', message: 'no' }, undefined, 0),
    ];
    const frame = new MeshFrameEncoder().encode(records, 0, records.length);
    const slots = new MeshFrameDecoder().decode(frame);
    expect(Array.isArray(slots)).toBe(true);
    expect((slots as unknown[])[1]).toEqual(['Player', 'p1', 'grant', 'buy']);
    expect(collect(slots as unknown[])).toEqual([
      { envelope: tellEnvelope('p1', 'grant', [10], 'Player'), hops: 2 },
      { envelope: { ...ask, requestId: 17 }, hops: 0 },
      { requestId: 3, ok: true, payload: { gold: 5 } },
      { requestId: 4, ok: false, payload: { code: 'GC_ERR_X', message: 'no' } },
    ]);
  });

  it.each([
    { desc: 'not msgpack', bytes: Buffer.from([0x92, 0x01]), want: /not msgpack/ },
    { desc: 'not an array', bytes: packr.pack({ a: 1 }), want: /not a frame array/ },
    { desc: 'another version', bytes: packr.pack([V + 1, []]), want: /protocol version/ },
    { desc: 'string table not strings', bytes: packr.pack([V, [1]]), want: /non-string/ },
    { desc: 'truncated tell', bytes: packr.pack([V, ['a'], 1, 0, 0, 0, []]), want: /truncated tell/ },
    {
      desc: 'reference past the table',
      bytes: packr.pack([V, ['a'], 1, 0, 0, 1, [], 0, '', 0]),
      want: /outside the table/,
    },
    { desc: 'args not an array', bytes: packr.pack([V, ['a'], 1, 0, 0, 0, 'x', 0, '', 0]), want: /args/ },
    { desc: 'negative hops', bytes: packr.pack([V, ['a'], 1, 0, 0, 0, [], 0, '', -1]), want: /hops/ },
    { desc: 'ask with requestId 0', bytes: packr.pack([V, ['a'], 2, 0, 0, 0, [], 0, 10, 0, '', 0]), want: /requestId/ },
    {
      desc: 'ask with negative timeout',
      bytes: packr.pack([V, ['a'], 2, 0, 0, 0, [], 1, -5, 0, '', 0]),
      want: /timeoutMs/,
    },
    { desc: 'error without code', bytes: packr.pack([V, [], 4, 1, { message: 'x' }]), want: /code and message/ },
    { desc: 'unknown kind', bytes: packr.pack([V, [], 9]), want: /unknown record kind 9/ },
  ])('refuses a frame with $desc', ({ bytes, want }) => {
    const result = new MeshFrameDecoder().decode(bytes);
    expect(typeof result).toBe('string');
    expect(result).toMatch(want);
  });

  it('isolates a record msgpack refuses and frames the rest', () => {
    let reads = 0;
    const treacherous = {
      get value() {
        if (++reads > 0) throw new Error('no');
        return 1;
      },
    };
    const records = Array.from(
      { length: 8 },
      (_, i) =>
        new OutboundRecord(
          MeshRecordKind.Tell,
          tellEnvelope('c', 'add', [i === 5 ? treacherous : i]),
          0,
          0,
          undefined,
          undefined,
          0,
        ),
    );
    const frames: [number, number][] = [];
    const rejected: [unknown, SerializationError][] = [];
    encodeFrames(
      new MeshFrameEncoder(),
      records,
      0,
      8,
      1 << 20,
      (_f, s, e) => frames.push([s, e]),
      (r, e) => rejected.push([r, e]),
    );
    expect(frames).toEqual([
      [0, 4],
      [4, 5],
      [6, 8],
    ]);
    expect(rejected.map(([r]) => r)).toEqual([records[5]]);
    expect(rejected[0]![1].code).toBe('GC_ERR_SERIALIZATION');
  });

  it('splits a batch that comes out larger than the frame limit', () => {
    const records = Array.from(
      { length: 4 },
      (_, i) =>
        new OutboundRecord(
          MeshRecordKind.Tell,
          tellEnvelope('c', 'add', ['x'.repeat(600), i]),
          0,
          0,
          undefined,
          undefined,
          0,
        ),
    );
    const frames: [number, number][] = [];
    encodeFrames(
      new MeshFrameEncoder(),
      records,
      0,
      4,
      1500,
      (_f, s, e) => frames.push([s, e]),
      () => {
        throw new Error('nothing should be rejected');
      },
    );
    expect(frames).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });
});
