// Kind options: defaults filled, every invalid field reported at once.
import { describe, expect, it } from '@jest/globals';
import { InvalidKindError } from './errors.ts';
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAILBOX_CAPACITY,
  type KindOptions,
  resolveKindOptions,
} from './kind-options.ts';

const methods = new Set(['buy', 'sell']);

describe('resolveKindOptions', () => {
  it('fills the defaults', () => {
    expect(resolveKindOptions('Player', {}, 10_000, methods)).toEqual({
      name: 'Player',
      placement: 'directory',
      roles: [],
      idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
      mailboxCapacity: DEFAULT_MAILBOX_CAPACITY,
      askTimeoutMs: 10_000,
      clientMethods: new Set(),
    });
  });

  const bad: { desc: string; options: KindOptions; want: RegExp }[] = [
    { desc: 'name with spaces', options: { name: 'my kind' }, want: /name "my kind"/ },
    { desc: 'unknown placement', options: { placement: 'random' as 'hash' }, want: /placement "random"/ },
    { desc: 'negative idle timeout', options: { idleTimeoutMs: -1 }, want: /idleTimeoutMs/ },
    { desc: 'fractional capacity', options: { mailboxCapacity: 1.5 }, want: /mailboxCapacity/ },
    { desc: 'zero ask timeout', options: { askTimeoutMs: 0 }, want: /askTimeoutMs/ },
    { desc: 'client method that is not a message', options: { clientMethods: ['steal'] }, want: /steal/ },
  ];
  it.each(bad)('rejects $desc', ({ options, want }) => {
    expect(() => resolveKindOptions('Player', options, 10_000, methods)).toThrow(InvalidKindError);
    expect(() => resolveKindOptions('Player', options, 10_000, methods)).toThrow(want);
  });

  it('reports all problems in one error', () => {
    const error = (() => {
      try {
        resolveKindOptions('Player', { idleTimeoutMs: -1, mailboxCapacity: 0 }, 10_000, methods);
      } catch (e) {
        return e as InvalidKindError;
      }
    })();
    expect(error?.details?.problems).toHaveLength(2);
  });
});
