// Tests of the store's revision counter, history bound and compaction (the basis of watch replay and 410).

import { describe, expect, it } from '@jest/globals';
import { ObjectStore, type StoreEvent } from './object-store.ts';

const object = (name: string, data = '') => ({ metadata: { name, namespace: 'd', uid: name }, data });

describe('ObjectStore', () => {
  it('advances one global revision per write and stamps it as resourceVersion', () => {
    const store = new ObjectStore(10);
    expect(store.write('pods', object('a')).metadata.resourceVersion).toBe('1');
    expect(store.write('configmaps', object('b')).metadata.resourceVersion).toBe('2');
    expect(store.write('pods', object('a', 'x')).metadata.resourceVersion).toBe('3');
    expect(store.remove('pods', 'd', 'a')?.metadata.resourceVersion).toBe('4');
    expect(store.revision).toBe(4);
    expect(store.byUid('a')).toBeUndefined();
  });

  it('replays events after a revision and expires those beyond the history', () => {
    const store = new ObjectStore(3);
    for (let i = 0; i < 5; i++) store.write('pods', object(`p${i}`));
    expect(store.eventsSince(3).map((e) => e.revision)).toEqual([4, 5]);
    expect(store.eventsSince(2).map((e) => e.revision)).toEqual([3, 4, 5]);
    expect(() => store.eventsSince(1)).toThrow(expect.objectContaining({ httpCode: 410, reason: 'Expired' }));
    store.compact();
    expect(() => store.eventsSince(4)).toThrow(expect.objectContaining({ httpCode: 410 }));
    expect(store.eventsSince(5)).toEqual([]);
  });

  it('tells listeners ADDED, MODIFIED with the previous object, and DELETED', () => {
    const store = new ObjectStore(10);
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    store.write('pods', object('a'));
    store.write('pods', object('a', 'changed'));
    store.remove('pods', 'd', 'a');
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[1]?.previous?.data).toBe('');
  });
});
