// World options: defaults, and every problem listed in one InvalidWorldConfigError.
import { describe, expect, it } from '@jest/globals';
import { InvalidWorldConfigError } from './errors.ts';
import { DEFAULT_SCRYPT_PARAMS, resolveWorldOptions } from './world-options.ts';

describe('resolveWorldOptions', () => {
  it('fills the defaults', () => {
    const resolved = resolveWorldOptions({});
    expect(resolved).toMatchObject({
      tokenTtlMs: 3_600_000,
      scrypt: DEFAULT_SCRYPT_PARAMS,
      maxLoginFailures: 5,
      lockoutBaseMs: 30_000,
      lockoutMaxMs: 900_000,
      chatHistorySize: 50,
      chatMessagesPerSecond: 1,
      chatBurst: 5,
    });
    expect([...resolved.clientBoards]).toEqual(['rating', 'wins']);
  });

  it('lists every problem', () => {
    let error: unknown;
    try {
      resolveWorldOptions({
        tokenTtlMs: 10,
        scrypt: { N: 1000 },
        lockoutBaseMs: 5_000,
        lockoutMaxMs: 1_000,
        chatMessagesPerSecond: 0,
        clientBoards: ['Bad Board'],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidWorldConfigError);
    expect((error as InvalidWorldConfigError).details?.problems).toEqual([
      expect.stringMatching(/^tokenTtlMs/),
      expect.stringMatching(/^scrypt.N must be a power of two/),
      'lockoutMaxMs must be at least lockoutBaseMs',
      expect.stringMatching(/^chatMessagesPerSecond/),
      expect.stringMatching(/^clientBoards/),
    ]);
  });
});
