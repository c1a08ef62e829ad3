// The option reader shared by every layer's configuration: precedence, both flag spellings, lists, unknown flags
// (an error, or left for the next reader), whole numbers, and one error listing every problem.
import { describe, expect, it } from '@jest/globals';
import { GameclusterError } from '../errors/index.ts';
import { describeOptions, isHelpRequested, OptionReader, type OptionSpec } from './options.ts';

type Key = 'size' | 'tags';
const SPECS: readonly OptionSpec<Key>[] = [
  { key: 'size', flag: '--size', env: 'T_SIZE', placeholder: '<n>', defaultText: '3', meaning: 'How many.' },
  {
    key: 'tags',
    flag: '--tags',
    aliases: ['--tag'],
    env: 'T_TAGS',
    list: true,
    placeholder: '<a,b>',
    defaultText: 'none',
    meaning: 'Labels.',
  },
];

describe('OptionReader', () => {
  it('takes flags over env over defaults, in both spellings, and adds up list flags', () => {
    const reader = new OptionReader(SPECS, ['--size=7', '--tag', 'a', '--tags', 'b'], { T_SIZE: '5' }, 'error');
    expect(reader.whole('size', 3, 1, 10)).toBe(7);
    expect(reader.raw('tags')).toEqual({ text: 'a,b', from: '--tags' });
    expect(new OptionReader(SPECS, [], { T_SIZE: '5' }, 'error').whole('size', 3, 1, 10)).toBe(5);
    expect(new OptionReader(SPECS, [], { T_SIZE: '' }, 'error').whole('size', 3, 1, 10)).toBe(3);
  });

  it('reports unknown flags, repeated flags, missing values and bad numbers together', () => {
    const reader = new OptionReader(SPECS, ['--size', '--bogus', 'x', '--size=99', '--size=98', 'stray'], {}, 'error');
    reader.whole('size', 3, 1, 10);
    expect(reader.problems).toEqual([
      '--size needs a value: pass --size <n> or --size=<n>',
      'unknown flag --bogus: remove it (run with --help for the flags a node accepts)',
      '--size is given more than once: pass it once',
      "unexpected argument 'stray': options are flags, as in --name node-1 or --name=node-1",
      "size '99' (from --size) must be a whole number from 1 to 10: set --size or T_SIZE (default: 3)",
    ]);
    expect(() => reader.throwIfProblems('test options', (message) => new GameclusterError('GC_TEST', message))).toThrow(
      /Invalid test options \(5 problems; run with --help/,
    );
  });

  it('leaves flags it does not know to the next reader, in order', () => {
    const reader = new OptionReader(SPECS, ['--roles', 'db', '--size', '4', '--help', '--x=1'], {}, 'rest');
    expect(reader.rest).toEqual(['--roles', 'db', '--help', '--x=1']);
    expect(reader.problems).toEqual([]);
    expect(isHelpRequested(reader.rest)).toBe(true);
  });

  it('describes every option with its env variable and default', () => {
    const text = describeOptions('Test options', SPECS);
    expect(text).toContain('--tags <a,b> (or --tag)');
    expect(text).toContain('env T_SIZE; default: 3');
  });
});
