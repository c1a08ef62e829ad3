// The envelope codec and the forced-serialization mode: local calls behave as remote ones would.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { GameclusterError } from '../errors/index.ts';
import { Actor } from './actor.ts';
import { ActorSystem } from './actor-system.ts';
import type { Envelope } from './envelope.ts';
import { ActorHandlerError, AskTimeoutError, SerializationError } from './errors.ts';
import { decodeEnvelope, decodeResponse, encodeEnvelope, encodeResponse } from './serializer.ts';

class Inventory extends Actor<{ items: Record<string, number> }> {
  override state = { items: {} as Record<string, number> };
  add(item: { name: string; count: number }): Record<string, number> {
    item.count += 1000; // mutating the argument must not reach the caller's object
    this.state.items[item.name] = (this.state.items[item.name] ?? 0) + item.count - 1000;
    return this.state.items;
  }
  echo(value: unknown): unknown {
    return value;
  }
  fail(): never {
    throw new RangeError('out of range');
  }
}

let system: ActorSystem;
afterEach(async () => {
  await system?.stop();
});

describe('envelope codec', () => {
  it('round-trips every field, bigints included', () => {
    const envelope: Envelope = {
      kind: 'Player',
      id: '7',
      method: 'buy',
      args: ['sword', 3, 2n ** 62n, { nested: [1, null, true] }, new Uint8Array([1, 2])],
      requestId: 12,
      timeoutMs: 5000,
      chain: 2 ** 50 + 3,
      trace: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
    const response = decodeResponse(encodeResponse({ requestId: 12, ok: false, error: { code: 'X', message: 'm' } }));
    expect(response).toEqual({ requestId: 12, ok: false, error: { code: 'X', message: 'm' } });
  });

  it.each([
    { desc: 'garbage bytes', bytes: new Uint8Array([0xc1, 0xff, 0x00]) },
    { desc: 'a msgpack string', bytes: encodeResponse({ requestId: 1, ok: true, value: 'x' }) },
    { desc: 'empty input', bytes: new Uint8Array([]) },
  ])('malformed envelope ($desc) is a SerializationError', ({ bytes }) => {
    expect(() => decodeEnvelope(bytes)).toThrow(SerializationError);
  });

  it('refuses functions and symbols instead of silently dropping them', () => {
    const envelope = { kind: 'K', id: '1', method: 'm', requestId: 0, timeoutMs: 0, chain: 0, trace: '' };
    expect(() => encodeEnvelope({ ...envelope, args: [() => 1] })).toThrow(SerializationError);
    expect(() => encodeEnvelope({ ...envelope, args: [{ a: Symbol('s') }] })).toThrow(/symbol/);
  });
});

describe('forced serialization', () => {
  it('arguments and results are copies, as across the network', async () => {
    system = new ActorSystem({ forceSerialization: true });
    system.register(Inventory);
    const sword = { name: 'sword', count: 1 };
    const items = await system.ref(Inventory, 'i').add(sword);
    expect(sword.count).toBe(1);
    expect(items).toEqual({ sword: 1 });
    (items as Record<string, number>).sword = 99;
    await expect(system.ref(Inventory, 'i').add({ name: 'sword', count: 1 })).resolves.toEqual({ sword: 2 });
  });

  it('shares objects without it (the local fast path)', async () => {
    system = new ActorSystem();
    system.register(Inventory);
    const sword = { name: 'sword', count: 1 };
    await system.ref(Inventory, 'i').add(sword);
    expect(sword.count).toBe(1001);
  });

  it('an unencodable argument fails the call with SerializationError', async () => {
    system = new ActorSystem({ forceSerialization: true });
    system.register(Inventory);
    await expect(system.ref(Inventory, 'i').echo(() => 1)).rejects.toBeInstanceOf(SerializationError);
    expect(() => system.ref(Inventory, 'i').tell.echo(Symbol('x'))).toThrow(SerializationError);
  });

  it('errors cross as data and come back as the same typed class', async () => {
    system = new ActorSystem({ forceSerialization: true, askTimeoutMs: 30, stopTimeoutMs: 50 });
    system.register(Inventory);
    const error = await system
      .ref(Inventory, 'i')
      .fail()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActorHandlerError);
    expect((error as GameclusterError).code).toBe('GC_ERR_HANDLER');
    expect((error as Error).message).toContain('out of range');
    class Sleeper extends Actor {
      async nap(): Promise<void> {
        await new Promise(() => {});
      }
    }
    system.register(Sleeper);
    await expect(system.ref(Sleeper, 's').nap()).rejects.toBeInstanceOf(AskTimeoutError);
  });
});
