// The wait-for graph on table cases: who waits, transitively, for whom.
import { describe, expect, it } from '@jest/globals';
import { type WaitNode, waitPath, waitsFor } from './wait-for-graph.ts';

interface Node extends WaitNode {
  name: string;
  waitingOn: Node[] | null;
}

function graph(edges: string): Record<string, Node> {
  const nodes: Record<string, Node> = {};
  const node = (name: string): Node => {
    nodes[name] ??= { name, waitingOn: null };
    return nodes[name];
  };
  for (const edge of edges.split(/\s+/).filter(Boolean)) {
    const [from, to] = edge.split('>') as [string, string];
    const f = node(from);
    f.waitingOn = [...(f.waitingOn ?? []), node(to)];
  }
  return nodes;
}

const cases: { desc: string; edges: string; from: string; to: string; want: boolean; path?: string }[] = [
  { desc: 'direct wait', edges: 'a>b', from: 'a', to: 'b', want: true, path: 'a b' },
  { desc: 'no wait the other way', edges: 'a>b', from: 'b', to: 'a', want: false },
  { desc: 'transitive', edges: 'a>b b>c c>d', from: 'a', to: 'd', want: true, path: 'a b c d' },
  { desc: 'a cycle elsewhere does not loop forever', edges: 'a>b b>c c>b', from: 'a', to: 'z', want: false },
  { desc: 'diamond', edges: 'a>b a>c b>d c>d', from: 'a', to: 'd', want: true, path: 'a b d' },
  { desc: 'nobody waits', edges: 'x>y', from: 'y', to: 'x', want: false },
];

describe('waitsFor', () => {
  it.each(cases)('$desc', ({ edges, from, to, want, path }) => {
    const nodes = graph(edges);
    nodes[to] ??= { name: to, waitingOn: null };
    nodes[from] ??= { name: from, waitingOn: null };
    expect(waitsFor(nodes[from]!, nodes[to]!)).toBe(want);
    if (path !== undefined) {
      expect(
        waitPath(nodes[from]!, nodes[to]!)
          .map((n) => n.name)
          .join(' '),
      ).toBe(path);
    }
  });
});
