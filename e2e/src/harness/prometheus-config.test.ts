// The generated scrape config is one Prometheus accepts (`promtool check config`), carries the target labels
// the dashboards filter on, and bad targets are refused with every problem named.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { prometheusConfig } from './prometheus-config.ts';

function promtoolCheckConfig(text: string): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gamecluster-promconfig-'));
  writeFileSync(join(dir, 'prometheus.yml'), text);
  return new Promise((resolve) => {
    execFile('promtool', ['check', 'config', join(dir, 'prometheus.yml')], (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: `${stdout}${stderr}` });
    });
  });
}

describe('prometheusConfig', () => {
  const targets = [
    { address: '127.0.0.61:7501', labels: { cluster: 'c1', pod: 'gate-1', role: 'gate' } },
    { address: '127.0.0.62:7502', labels: { cluster: 'c1', pod: 'zone-1', role: 'zone' } },
  ];

  it('is a config promtool accepts', async () => {
    const result = await promtoolCheckConfig(prometheusConfig({ targets }));
    expect(result).toEqual({ code: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('scrapes every target every second with its labels, the node’s own labels winning', () => {
    const config = JSON.parse(prometheusConfig({ targets })) as {
      global: Record<string, string>;
      scrape_configs: {
        honor_labels: boolean;
        static_configs: { targets: string[]; labels: Record<string, string> }[];
      }[];
    };
    expect(config.global.scrape_interval).toBe('1s');
    expect(config.scrape_configs[0]!.honor_labels).toBe(true);
    expect(config.scrape_configs[0]!.static_configs).toEqual([
      { targets: ['127.0.0.61:7501'], labels: { cluster: 'c1', pod: 'gate-1', role: 'gate' } },
      { targets: ['127.0.0.62:7502'], labels: { cluster: 'c1', pod: 'zone-1', role: 'zone' } },
    ]);
  });

  it('names every problem of a bad config at once', () => {
    expect(() =>
      prometheusConfig({
        scrapeIntervalSeconds: 0.5,
        targets: [
          { address: 'http://127.0.0.1:9/metrics', labels: {} },
          { address: '127.0.0.1:9', labels: { 'bad-name': 'x', __address__: 'y' } },
        ],
      }),
    ).toThrow(
      /scrapeIntervalSeconds must be a whole number.*targets\[0\]\.address must be host:port.*"bad-name".*"__address__"/,
    );
    expect(() => prometheusConfig({ targets: [] })).toThrow(/no targets to scrape/);
  });
});
