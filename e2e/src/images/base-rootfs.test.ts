// The base cache is keyed by everything that decides the tar's contents: any change of suite, mirror, Node or npm
// version gives another key (so a stale base is never reused), and the same recipe always the same key.
import { describe, expect, it } from '@jest/globals';
import { type BaseRecipe, baseRecipeKey } from './base-rootfs.ts';

const RECIPE: BaseRecipe = {
  suite: 'bookworm',
  mirror: 'http://deb.debian.org/debian',
  nodeVersion: '24.21.0',
  npmVersion: '11.19.1',
};

describe('baseRecipeKey', () => {
  it('is stable for one recipe', () => {
    expect(baseRecipeKey({ ...RECIPE })).toBe(baseRecipeKey(RECIPE));
    expect(baseRecipeKey(RECIPE)).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    { desc: 'suite', change: { suite: 'trixie' } },
    { desc: 'mirror', change: { mirror: 'http://mirror.example/debian' } },
    { desc: 'Node version', change: { nodeVersion: '24.22.0' } },
    { desc: 'npm version', change: { npmVersion: '11.20.0' } },
  ])('changes with the $desc', ({ change }) => {
    expect(baseRecipeKey({ ...RECIPE, ...change })).not.toBe(baseRecipeKey(RECIPE));
  });
});
