// One benchmark client connection: a raw `ws` socket that sends HELLO and waits for the first frame back (WELCOME
// from the gate; the HELLO itself from the raw echo baseline), so gate and baseline clients run the same code.
// Frames are encoded with the protocol codec and read with a plain msgpack unpack (type and first field only).
import { Packr } from 'msgpackr';
import { WebSocket } from 'ws';
import { CLIENT_MSGPACK_OPTIONS, encodeClientFrame, PROTOCOL_VERSIONS } from '../../src/gate/protocol/index.ts';
import { loginTokenFor } from './bench-gate-wire.ts';

const FRAME_ERROR = 18;
const unpackr = new Packr(CLIENT_MSGPACK_OPTIONS);

/** A frame as it comes off the wire: `[type, field, ...]`. */
export function readFrame(data: Buffer): unknown[] {
  return unpackr.unpack(data) as unknown[];
}

export function isErrorFrame(frame: unknown[]): boolean {
  return frame[0] === FRAME_ERROR;
}

export function helloFrameFor(playerId: string): Uint8Array {
  return encodeClientFrame({ type: 1, hello: { versions: PROTOCOL_VERSIONS, token: loginTokenFor(playerId) } });
}

/** Connects as `playerId` (from `localAddress` when given) and resolves once the first frame came back. */
export function openBenchSocket(
  url: string,
  playerId: string,
  localAddress?: string,
  timeoutMs = 60_000,
): Promise<WebSocket> {
  const ws = new WebSocket(url, { localAddress, perMessageDeflate: false, skipUTF8Validation: true });
  ws.binaryType = 'nodebuffer';
  return new Promise<WebSocket>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      ws.removeAllListeners('message');
      ws.terminate();
      reject(new Error(`${playerId} via ${localAddress ?? 'any address'}: ${why}`));
    };
    const timer = setTimeout(() => fail(`no answer to HELLO within ${timeoutMs} ms`), timeoutMs);
    ws.once('open', () => ws.send(helloFrameFor(playerId)));
    ws.once('message', (data: Buffer) => {
      const frame = readFrame(data);
      if (isErrorFrame(frame)) {
        fail(`HELLO refused: ${JSON.stringify(frame[2])}`);
        return;
      }
      clearTimeout(timer);
      ws.removeAllListeners('close');
      ws.off('error', onError);
      // A socket error is followed by 'close', which the socket's user watches.
      ws.on('error', () => {});
      resolve(ws);
    });
    const onError = (error: Error): void => fail(error.message);
    ws.on('error', onError);
    ws.once('close', (code) => fail(`closed with ${code} before answering HELLO`));
  });
}

/** Opens `count` sockets for players first..first+count-1, at most `concurrency` handshakes at a time. */
export async function openBenchSockets(
  url: string,
  first: number,
  count: number,
  playerIdOf: (index: number) => string,
  localAddresses: readonly string[] = [],
  concurrency = 64,
): Promise<WebSocket[]> {
  const sockets = new Array<WebSocket>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const localAddress = localAddresses.length === 0 ? undefined : localAddresses[i % localAddresses.length];
      sockets[i] = await openBenchSocket(url, playerIdOf(first + i), localAddress);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return sockets;
}
