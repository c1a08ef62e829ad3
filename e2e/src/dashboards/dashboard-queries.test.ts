// Reading queries out of dashboard JSON: panel targets (collapsed rows included), label_values variables, the
// combined expression list, and a clear error for a dashboard the checks cannot read.
import { describe, expect, it } from '@jest/globals';
import {
  DashboardShapeError,
  dashboardExpressions,
  panelQueries,
  variableQueries,
} from '../../../dashboards/src/index.ts';

const DASHBOARD = {
  templating: {
    list: [
      { type: 'datasource', name: 'datasource', query: 'prometheus' },
      { type: 'query', name: 'pod', query: 'label_values(m{cluster=~"$cluster"}, pod)' },
    ],
  },
  panels: [
    { type: 'row', id: 1, title: 'Open row', panels: [] },
    {
      type: 'timeseries',
      id: 2,
      title: 'Two queries',
      targets: [
        { refId: 'A', expr: 'a' },
        { refId: 'B', expr: 'b', instant: false },
      ],
    },
    {
      type: 'row',
      id: 3,
      title: 'Collapsed row',
      collapsed: true,
      panels: [{ type: 'stat', id: 4, title: 'Inside', targets: [{ refId: 'A', expr: 'c', instant: true }] }],
    },
  ],
};

describe('panelQueries', () => {
  it('lists data panels with their queries, the panels of a collapsed row too', () => {
    expect(panelQueries(DASHBOARD)).toEqual([
      {
        panelId: 2,
        title: 'Two queries',
        type: 'timeseries',
        queries: [
          { refId: 'A', expr: 'a', instant: false },
          { refId: 'B', expr: 'b', instant: false },
        ],
      },
      { panelId: 4, title: 'Inside', type: 'stat', queries: [{ refId: 'A', expr: 'c', instant: true }] },
    ]);
  });

  const broken: { desc: string; dashboard: unknown; want: RegExp }[] = [
    { desc: 'no panels list', dashboard: {}, want: /dashboard has no `panels` list/ },
    {
      desc: 'a panel without targets',
      dashboard: { panels: [{ id: 1, title: 'T', type: 'stat' }] },
      want: /panel "T" has no `targets`/,
    },
    {
      desc: 'a panel with no queries',
      dashboard: { panels: [{ id: 1, title: 'T', targets: [] }] },
      want: /has no queries/,
    },
    {
      desc: 'a target without expr',
      dashboard: { panels: [{ id: 1, title: 'T', targets: [{ refId: 'A' }] }] },
      want: /query 0 has no PromQL/,
    },
    { desc: 'a panel without id', dashboard: { panels: [{ title: 'T', targets: [] }] }, want: /no numeric id/ },
  ];
  it.each(broken)('refuses $desc', ({ dashboard, want }) => {
    expect(() => panelQueries(dashboard)).toThrow(DashboardShapeError);
    expect(() => panelQueries(dashboard)).toThrow(want);
  });
});

describe('variableQueries', () => {
  it('reads the selector and label of each label_values variable', () => {
    expect(variableQueries(DASHBOARD)).toEqual([
      {
        name: 'pod',
        query: 'label_values(m{cluster=~"$cluster"}, pod)',
        selector: 'm{cluster=~"$cluster"}',
        label: 'pod',
      },
    ]);
  });

  it('refuses a query variable that is not label_values', () => {
    const dashboard = { templating: { list: [{ type: 'query', name: 'x', query: 'query_result(up)' }] } };
    expect(() => variableQueries(dashboard)).toThrow(/variable x: expected label_values/);
  });
});

describe('dashboardExpressions', () => {
  it('names each expression by panel id and refId, and variables by name', () => {
    expect(dashboardExpressions(DASHBOARD).map((e) => [e.id, e.expr])).toEqual([
      ['2/A', 'a'],
      ['2/B', 'b'],
      ['4/A', 'c'],
      ['var/pod', 'm{cluster=~"$cluster"}'],
    ]);
  });
});
