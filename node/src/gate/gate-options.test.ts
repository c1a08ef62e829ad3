// Gate options: defaults, and one error listing every invalid field.
import { describe, expect, it } from '@jest/globals';
import { InvalidGateConfigError } from './errors.ts';
import { type GateOptions, resolveGateOptions } from './gate-options.ts';

const KEY = Buffer.alloc(32, 3);

describe('resolveGateOptions', () => {
  it('fills the documented defaults', () => {
    expect(resolveGateOptions({ clusterKey: KEY })).toMatchObject({
      host: '0.0.0.0',
      port: 7350,
      maxFrameBytes: 65_536,
      messagesPerSecond: 50,
      burst: 100,
      maxPendingRequests: 64,
      maxBufferedBytes: 1_048_576,
      idleTimeoutMs: 30_000,
      handshakeTimeoutMs: 5_000,
      maxConnections: 20_000,
      attemptsPerIpPerMinute: 30,
      sessionGraceMs: 30_000,
      resumeBufferSize: 256,
      requestTimeoutMs: 10_000,
      playerKind: 'Player',
      devLogin: false,
    });
  });

  const cases: { desc: string; options: Partial<GateOptions>; want: RegExp }[] = [
    { desc: 'a short key', options: { clusterKey: Buffer.alloc(8) }, want: /clusterKey must be at least 32 bytes/ },
    { desc: 'no key', options: { clusterKey: undefined }, want: /clusterKey/ },
    { desc: 'a port out of range', options: { port: 70_000 }, want: /port must be a whole number from 0 to 65535/ },
    { desc: 'a tiny frame limit', options: { maxFrameBytes: 10 }, want: /maxFrameBytes/ },
    { desc: 'a zero rate', options: { messagesPerSecond: 0 }, want: /messagesPerSecond/ },
    { desc: 'a fractional timeout', options: { idleTimeoutMs: 1.5 }, want: /idleTimeoutMs/ },
    { desc: 'a bad player kind', options: { playerKind: '1 bad' }, want: /playerKind/ },
    { desc: 'an empty resume buffer', options: { resumeBufferSize: 0 }, want: /resumeBufferSize/ },
    { desc: 'devLogin not a boolean', options: { devLogin: 'yes' as unknown as boolean }, want: /devLogin/ },
  ];
  it.each(cases)('refuses $desc', ({ options, want }) => {
    expect(() => resolveGateOptions({ clusterKey: KEY, ...options } as GateOptions)).toThrow(want);
  });

  it('lists every problem in one InvalidGateConfigError', () => {
    let error: unknown;
    try {
      resolveGateOptions({ clusterKey: KEY, port: -1, burst: 0, sessionGraceMs: -5 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidGateConfigError);
    expect((error as InvalidGateConfigError).details?.problems).toHaveLength(3);
  });
});
