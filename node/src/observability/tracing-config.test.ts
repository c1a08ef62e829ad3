// Tracing flags and env: defaults (off), flags over env, the OTLP URL's traces path, and every bad value reported
// at once with the flag to fix.
import { describe, expect, it } from '@jest/globals';
import { InvalidClusterConfigError } from '../cluster/errors.ts';
import { parseTracingConfig, type TracingConfig } from './tracing-config.ts';

describe('parseTracingConfig', () => {
  const cases: {
    desc: string;
    argv: string[];
    env?: Record<string, string>;
    want: TracingConfig;
  }[] = [
    {
      desc: 'off by default',
      argv: [],
      want: { exporter: 'none', otlpTracesUrl: 'http://localhost:4318/v1/traces', sampleRatio: 1 },
    },
    {
      desc: 'otlp to a collector address',
      argv: ['--tracing', 'otlp', '--otlp-endpoint', 'http://127.0.0.1:4999'],
      want: { exporter: 'otlp', otlpTracesUrl: 'http://127.0.0.1:4999/v1/traces', sampleRatio: 1 },
    },
    {
      desc: 'a full traces URL is kept',
      argv: ['--tracing=otlp', '--otlp-endpoint=https://collector.example:443/custom/traces'],
      want: { exporter: 'otlp', otlpTracesUrl: 'https://collector.example/custom/traces', sampleRatio: 1 },
    },
    {
      desc: 'console with a ratio from env',
      argv: ['--tracing', 'console'],
      env: { GAMECLUSTER_TRACE_SAMPLE_RATIO: '0.01' },
      want: { exporter: 'console', otlpTracesUrl: 'http://localhost:4318/v1/traces', sampleRatio: 0.01 },
    },
    {
      desc: 'flags win over env',
      argv: ['--trace-sample-ratio', '.5'],
      env: { GAMECLUSTER_TRACING: 'otlp', GAMECLUSTER_TRACE_SAMPLE_RATIO: '0.1' },
      want: { exporter: 'otlp', otlpTracesUrl: 'http://localhost:4318/v1/traces', sampleRatio: 0.5 },
    },
    {
      desc: 'ratio bounds are allowed',
      argv: ['--tracing', 'otlp', '--trace-sample-ratio', '0'],
      want: { exporter: 'otlp', otlpTracesUrl: 'http://localhost:4318/v1/traces', sampleRatio: 0 },
    },
  ];
  it.each(cases)('$desc', ({ argv, env, want }) => {
    expect(parseTracingConfig(argv, env ?? {}).config).toEqual(want);
  });

  it('leaves other layers their flags', () => {
    expect(parseTracingConfig(['--name', 'n1', '--tracing', 'console', '--roles', 'gate'], {}).rest).toEqual([
      '--name',
      'n1',
      '--roles',
      'gate',
    ]);
  });

  it('reports every bad value at once, naming the flag to fix', () => {
    let thrown: unknown;
    try {
      parseTracingConfig(['--tracing', 'jaeger', '--otlp-endpoint', 'collector:4318', '--trace-sample-ratio', '2'], {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidClusterConfigError);
    const message = (thrown as Error).message;
    expect(message).toContain('3 problems');
    expect(message).toMatch(/tracing 'jaeger'.*one of none, console, otlp/);
    expect(message).toMatch(/otlpEndpoint 'collector:4318'.*http:\/\/ or https:\/\//);
    expect(message).toMatch(/sampleRatio '2'.*from 0 to 1/);
  });

  it.each(['1e-2', '-0.1', '0x1', ' 0.5', 'half'])('refuses the ratio %p', (ratio) => {
    expect(() => parseTracingConfig(['--trace-sample-ratio', ratio], {})).toThrow(/sampleRatio/);
  });
});
