// Keeps docs/protocol.md in sync with the code: every frame type and close code is in its tables, the list of
// reconnectable codes matches, and the worked example's bytes are exactly what the codec writes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { encodeClientFrame, encodeServerFrame } from './codec.ts';
import type { ClientFrame, ServerFrame } from './frames.ts';
import { CloseCode, FrameType, RECONNECTABLE_CLOSE_CODES } from './protocol-wire.ts';

const doc = readFileSync(new URL('../../../../docs/protocol.md', import.meta.url), 'utf8');
const compactDoc = doc.replace(/\s+/g, '');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const FRAME_NAMES: Record<keyof typeof FrameType, string> = {
  Hello: 'HELLO',
  Request: 'REQUEST',
  Notify: 'NOTIFY',
  Ping: 'PING',
  Pong: 'PONG',
  Ack: 'ACK',
  Welcome: 'WELCOME',
  Response: 'RESPONSE',
  Error: 'ERROR',
  Push: 'PUSH',
  Migrate: 'MIGRATE',
  Kick: 'KICK',
};

const clientExamples: ClientFrame[] = [
  { type: 2, requestId: 1, route: 'player.buy', args: ['sword', 2] },
  { type: 2, requestId: 2, route: 'player.fly', args: [] },
  { type: 3, route: 'scene.move', args: [3, -1] },
  { type: 6, lastSeq: 1 },
  { type: 4, nonce: 7 },
];

const serverExamples: ServerFrame[] = [
  {
    type: 16,
    welcome: {
      version: 1,
      sessionId: 's-42',
      resumeToken: 'RT',
      playerId: 'alice',
      resumed: false,
      lastSeq: 0,
      heartbeatMs: 10000,
      limits: { maxFrameBytes: 65536, messagesPerSecond: 50, burst: 100, maxPendingRequests: 64 },
    },
  },
  { type: 17, requestId: 1, result: { gold: 90 } },
  {
    type: 18,
    requestId: 2,
    error: { code: 'GC_ERR_NOT_ALLOWED', message: 'player.fly is not callable by clients' },
  },
  { type: 19, seq: 1, event: 'coin.spawned', data: { x: 3, y: 4 } },
  { type: 5, nonce: 7 },
  { type: 21, migrate: { reason: 'the gate is draining', retryAfterMs: 1200 } },
];

describe('docs/protocol.md', () => {
  it.each(Object.entries(FrameType))('lists frame type %s', (name, type) => {
    expect(doc).toContain(`| ${type} | ${FRAME_NAMES[name as keyof typeof FrameType]} |`);
  });

  it.each(Object.entries(CloseCode))('lists close code %s', (name, code) => {
    expect(doc).toContain(`| ${code} | ${name} |`);
  });

  it('names the reconnectable close codes', () => {
    const codes = [...RECONNECTABLE_CLOSE_CODES].sort((a, b) => a - b).join(', ');
    expect(doc).toContain(`reconnects on its own: **${codes}**`);
  });

  it.each(clientExamples)('shows the exact bytes of client frame %j', (frame) => {
    expect(compactDoc).toContain(hex(encodeClientFrame(frame)));
  });

  it.each(serverExamples)('shows the exact bytes of server frame %j', (frame) => {
    expect(compactDoc).toContain(hex(encodeServerFrame(frame)));
  });
});
