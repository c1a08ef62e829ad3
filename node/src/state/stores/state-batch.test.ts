// Table tests of the batch checks and ordering every store applies before sending anything.
import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError } from '../errors.ts';
import type { LoadRequest, LoadResult, SaveRequest } from '../state-store.ts';
import { checkSaveBatch, keyOrder, spreadLoadResults, uniqueLoads } from './state-batch.ts';

const save = (kind: string, id: string, epoch = 1, version = 1): SaveRequest => ({ kind, id, epoch, version, doc: 0 });

describe('checkSaveBatch', () => {
  const rejected: { desc: string; batch: SaveRequest[]; message: string }[] = [
    {
      desc: 'a repeated key',
      batch: [save('P', 'a'), save('P', 'b'), save('P', 'a', 1, 2)],
      message: 'save batch holds P/a more than once',
    },
    { desc: 'an empty kind', batch: [save('', 'a')], message: 'kind must be a non-empty string' },
    { desc: 'a NUL in an id', batch: [save('P', 'a\u0000b')], message: 'cannot contain the NUL character' },
    { desc: 'a fractional epoch', batch: [save('P', 'a', 1.5)], message: 'P/a has epoch 1.5' },
    { desc: 'a negative version', batch: [save('P', 'a', 1, -1)], message: 'P/a has version -1' },
    { desc: 'an unsafe epoch', batch: [save('P', 'a', 2 ** 53)], message: 'has epoch 9007199254740992' },
  ];
  it.each(rejected)('rejects $desc', ({ batch, message }) => {
    expect(() => checkSaveBatch(batch)).toThrow(InvalidDocumentError);
    expect(() => checkSaveBatch(batch)).toThrow(message);
  });

  it('accepts the same id under different kinds, and kinds and ids that only look alike', () => {
    expect(() => checkSaveBatch([save('P', 'a'), save('Q', 'a'), save('Pa', ''), save('P', 'a\u0001')])).not.toThrow();
  });
});

describe('keyOrder', () => {
  it('orders by kind, then id', () => {
    const keys = [
      { kind: 'b', id: '1' },
      { kind: 'a', id: 'z' },
      { kind: 'a', id: 'b' },
      { kind: 'B', id: '0' },
    ];
    expect(keyOrder(keys)).toEqual([3, 2, 1, 0]);
  });
});

describe('uniqueLoads and spreadLoadResults', () => {
  it('sends the highest epoch of a repeated key and answers lower ones stale', () => {
    const requests: LoadRequest[] = [
      { kind: 'P', id: 'a', epoch: 3 },
      { kind: 'P', id: 'b', epoch: 1 },
      { kind: 'P', id: 'a', epoch: 8 },
      { kind: 'P', id: 'a', epoch: 8 },
      { kind: 'P', id: 'b', epoch: 1 },
    ];
    const loads = uniqueLoads(requests);
    expect(loads.requests).toEqual([
      { kind: 'P', id: 'a', epoch: 8 },
      { kind: 'P', id: 'b', epoch: 1 },
    ]);
    expect(loads.slotOf).toEqual([0, 1, 0, 0, 1]);
    const taken: LoadResult = { ok: true, doc: 'a', version: 0 };
    const stale: LoadResult = { ok: false, reason: 'stale', storedEpoch: 4 };
    expect(spreadLoadResults(requests, loads, [taken, stale])).toEqual([
      { ok: false, reason: 'stale', storedEpoch: 8 },
      stale,
      taken,
      taken,
      stale,
    ]);
    // When even the highest lost, the lower ones report the epoch that beat it.
    expect(spreadLoadResults(requests, loads, [{ ok: false, reason: 'stale', storedEpoch: 11 }, stale])[0]).toEqual({
      ok: false,
      reason: 'stale',
      storedEpoch: 11,
    });
  });

  it('rejects a bad epoch', () => {
    expect(() => uniqueLoads([{ kind: 'P', id: 'a', epoch: -1 }])).toThrow('P/a has epoch -1');
  });
});
