// `helm lint --strict` (helm 4) passes on the chart with its defaults and with every value set the tests use:
// strict turns lint's warnings into failures, so a template or schema slip fails here first.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { kubeTools } from '../harness/kube-tools.ts';
import { VALUE_SETS } from './chart-value-sets.ts';
import { lintArgs, runHelm } from './helm-chart.ts';

let helm: string;

beforeAll(async () => {
  ({ helm } = await kubeTools());
}, 300_000);

describe('helm lint --strict helm/gamecluster', () => {
  it('runs helm 4', async () => {
    const result = await runHelm(helm, ['version', '--short']);
    expect(result.stdout).toMatch(/^v4\./);
  });

  it.each(VALUE_SETS)('passes with $name', async ({ values }) => {
    const result = await runHelm(helm, lintArgs({ values }));
    expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({
      code: 0,
      output: expect.stringContaining('1 chart(s) linted, 0 chart(s) failed'),
    });
    expect(result.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
  });

  it('fails on a value the schema refuses (lint reads values.schema.json too)', async () => {
    const result = await runHelm(helm, lintArgs({ set: ['replicaCount=-1'] }));
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('/replicaCount');
  });
});
