// Table tests of the key layout: every key the provider builds parses back to what built it.
import { describe, expect, it } from '@jest/globals';
import { etcdKeyLayout, type ParsedClusterKey, parseClusterKey } from './etcd-keys.ts';

const layout = etcdKeyLayout('demo');

describe('etcdKeyLayout', () => {
  it('puts every key under /gamecluster/<cluster>/', () => {
    expect(layout.memberKey('zone-1.694d8c2a1f')).toBe('/gamecluster/demo/members/zone-1.694d8c2a1f');
    expect(layout.dirKey('Player', '42')).toBe('/gamecluster/demo/dir/Player/42');
    expect(layout.workerKey(7)).toBe('/gamecluster/demo/workers/7');
  });
});

describe('parseClusterKey', () => {
  const cases: { desc: string; key: string; want: ParsedClusterKey | undefined }[] = [
    { desc: 'member', key: layout.memberKey('n.1f'), want: { type: 'member', memberId: 'n.1f' } },
    { desc: 'dir entry', key: layout.dirKey('Scene', 'arena-3'), want: { type: 'dir', kind: 'Scene', id: 'arena-3' } },
    {
      desc: 'dir id with slashes',
      key: layout.dirKey('Room', 'a/b/c'),
      want: { type: 'dir', kind: 'Room', id: 'a/b/c' },
    },
    {
      desc: 'dir kind with a slash',
      key: layout.dirKey('ns/Kind', 'x'),
      want: { type: 'dir', kind: 'ns/Kind', id: 'x' },
    },
    { desc: 'dir empty id', key: layout.dirKey('Kind', ''), want: { type: 'dir', kind: 'Kind', id: '' } },
    { desc: 'worker', key: layout.workerKey(1023), want: { type: 'worker', workerId: 1023 } },
    { desc: 'worker not a number', key: '/gamecluster/demo/workers/x', want: undefined },
    { desc: 'worker leading zero', key: '/gamecluster/demo/workers/01', want: undefined },
    { desc: 'empty member id', key: '/gamecluster/demo/members/', want: undefined },
    { desc: 'dir without id separator', key: '/gamecluster/demo/dir/Kind', want: undefined },
    { desc: 'dir with a bad escape', key: '/gamecluster/demo/dir/%E0%A4%A/x', want: undefined },
    { desc: 'another cluster', key: '/gamecluster/other/members/n.1', want: undefined },
  ];
  it.each(cases)('$desc', ({ key, want }) => {
    expect(parseClusterKey(layout, key)).toEqual(want);
  });
});
