// Typed refs at compile time: `npm run typecheck` fails if any @ts-expect-error below stops being an error,
// so wrong argument types and unknown methods are proven not to compile.
import { describe, expect, it } from '@jest/globals';
import { Actor } from './actor.ts';
import type { ActorRef } from './actor-ref.ts';
import { ActorSystem } from './actor-system.ts';

class Shopkeeper extends Actor {
  async price(item: string, quantity: number): Promise<number> {
    return item.length * quantity;
  }
  restock(item: string): void {
    void item;
  }
  _helper(): number {
    return 1;
  }
}

function compileOnly(ref: ActorRef<Shopkeeper>): void {
  const price: Promise<number> = ref.price('sword', 2);
  const restocked: Promise<void> = ref.restock('shield');
  ref.tell.restock('shield');
  void price;
  void restocked;
  // @ts-expect-error wrong argument type
  void ref.price('sword', 'two');
  // @ts-expect-error missing argument
  void ref.price('sword');
  // @ts-expect-error unknown method
  void ref.sell('sword');
  // @ts-expect-error tell methods return nothing to await
  const nothing: Promise<void> = ref.tell.restock('x');
  void nothing;
  // @ts-expect-error lifecycle hooks are not messages
  void ref.onActivate();
  // @ts-expect-error `_`-prefixed methods are helpers, not messages
  void ref._helper();
  // @ts-expect-error the result type is checked too
  const wrong: Promise<string> = ref.price('sword', 1);
  void wrong;
}

describe('typed refs', () => {
  it('have the class methods at run time too, and no others', async () => {
    const system = new ActorSystem();
    system.register(Shopkeeper);
    const ref = system.ref(Shopkeeper, 's');
    expect(typeof compileOnly).toBe('function');
    await expect(ref.price('axe', 2)).resolves.toBe(6);
    expect((ref as unknown as Record<string, unknown>).onActivate).toBeUndefined();
    expect((ref as unknown as Record<string, unknown>)._helper).toBeUndefined();
    await system.stop();
  });
});
