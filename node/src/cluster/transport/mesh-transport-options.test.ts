// Options of the mesh transport: defaults apply, and every invalid field is reported in one error.
import { describe, expect, it } from '@jest/globals';
import { InvalidClusterConfigError } from '../errors.ts';
import {
  DEFAULT_MAX_BATCH_ENVELOPES,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_QUEUED_PER_PEER,
  DEFAULT_RECONNECT_INITIAL_MS,
  DEFAULT_RECONNECT_MAX_MS,
  type MeshTransportOptions,
  resolveMeshTransportOptions,
} from './mesh-transport-options.ts';

const base: MeshTransportOptions = { selfId: 'a.1', host: '127.0.0.1', port: 0, handler: { onEnvelope() {} } };

describe('resolveMeshTransportOptions', () => {
  it('applies the defaults', () => {
    expect(resolveMeshTransportOptions(base)).toMatchObject({
      maxQueuedPerPeer: DEFAULT_MAX_QUEUED_PER_PEER,
      maxBatchEnvelopes: DEFAULT_MAX_BATCH_ENVELOPES,
      maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
      reconnectInitialMs: DEFAULT_RECONNECT_INITIAL_MS,
      reconnectMaxMs: DEFAULT_RECONNECT_MAX_MS,
      tls: undefined,
    });
    expect([DEFAULT_MAX_QUEUED_PER_PEER, DEFAULT_MAX_BATCH_ENVELOPES, DEFAULT_MAX_FRAME_BYTES]).toEqual([
      100_000,
      4096,
      4 * 1024 * 1024,
    ]);
  });

  it.each([
    { desc: 'empty selfId', change: { selfId: '' }, want: /selfId/ },
    { desc: 'port out of range', change: { port: 70_000 }, want: /port must be/ },
    { desc: 'zero queue', change: { maxQueuedPerPeer: 0 }, want: /maxQueuedPerPeer/ },
    { desc: 'fractional batch', change: { maxBatchEnvelopes: 1.5 }, want: /maxBatchEnvelopes/ },
    { desc: 'tiny frames', change: { maxFrameBytes: 100 }, want: /maxFrameBytes must be at least/ },
    { desc: 'max below initial', change: { reconnectInitialMs: 500, reconnectMaxMs: 100 }, want: /not be below/ },
    { desc: 'tls without key', change: { tls: { ca: Buffer.from(''), cert: Buffer.from('') } }, want: /tls\.key/ },
    { desc: 'no handler', change: { handler: {} }, want: /handler\.onEnvelope/ },
  ])('rejects $desc', ({ change, want }) => {
    const options = { ...base, ...change } as unknown as MeshTransportOptions;
    expect(() => resolveMeshTransportOptions(options)).toThrow(InvalidClusterConfigError);
    expect(() => resolveMeshTransportOptions(options)).toThrow(want);
  });

  it('reports every problem at once', () => {
    const options = { ...base, selfId: '', maxQueuedPerPeer: -1, reconnectMaxMs: 0 };
    expect(() => resolveMeshTransportOptions(options)).toThrow(/selfId.*maxQueuedPerPeer.*reconnectMaxMs/);
  });
});
