// A node's tracing settings from flags and `GAMECLUSTER_*` env: where spans go (nowhere, stderr, or an OTLP/HTTP
// collector) and the share of new traces recorded. Off by default: a node pays for tracing only when asked to.
// Flags it does not know are left for the other layers.
import { InvalidClusterConfigError } from '../cluster/errors.ts';
import { describeOptions, OptionReader, type OptionSpec } from '../config/options.ts';

/** Where finished spans go: nowhere, JSON lines on stderr, or an OTLP/HTTP (JSON) collector. */
export const TRACING_EXPORTERS = ['none', 'console', 'otlp'] as const;
export type TracingExporterName = (typeof TRACING_EXPORTERS)[number];

export interface TracingConfig {
  readonly exporter: TracingExporterName;
  /** Full OTLP/HTTP traces URL (`<endpoint>/v1/traces`); used when exporter is 'otlp'. */
  readonly otlpTracesUrl: string;
  /** Share of new traces (client calls, runtime work outside any trace) that are recorded, 0 to 1. */
  readonly sampleRatio: number;
}

type Key = 'exporter' | 'otlpEndpoint' | 'sampleRatio';

/** The OTLP/HTTP port every collector listens on by default. */
export const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';
export const DEFAULT_TRACE_SAMPLE_RATIO = 1;
const OTLP_TRACES_PATH = '/v1/traces';
// A plain decimal (no exponent, sign, hex or blanks, which Number() would accept); the range is checked after.
const RATIO = /^([01](\.[0-9]*)?|\.[0-9]+)$/;

export const TRACING_CONFIG_OPTIONS: readonly OptionSpec<Key>[] = [
  {
    key: 'exporter',
    flag: '--tracing',
    env: 'GAMECLUSTER_TRACING',
    placeholder: TRACING_EXPORTERS.join('|'),
    defaultText: 'none',
    meaning: 'Where spans go: none (tracing off), console (JSON lines on stderr), otlp (an OTLP/HTTP collector).',
  },
  {
    key: 'otlpEndpoint',
    flag: '--otlp-endpoint',
    env: 'GAMECLUSTER_OTLP_ENDPOINT',
    placeholder: '<url>',
    defaultText: DEFAULT_OTLP_ENDPOINT,
    meaning: `OTLP/HTTP collector for --tracing otlp; ${OTLP_TRACES_PATH} is appended unless the URL has a path.`,
  },
  {
    key: 'sampleRatio',
    flag: '--trace-sample-ratio',
    env: 'GAMECLUSTER_TRACE_SAMPLE_RATIO',
    placeholder: '<0..1>',
    defaultText: String(DEFAULT_TRACE_SAMPLE_RATIO),
    meaning: 'Share of new traces recorded (each client call starts one); spans below a recorded one are all kept.',
  },
];

/** Reads the tracing flags out of `argv`; returns the config and the arguments it did not consume. */
export function parseTracingConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { config: TracingConfig; rest: string[] } {
  const options = new OptionReader(TRACING_CONFIG_OPTIONS, argv, env, 'rest');
  const config: TracingConfig = {
    exporter: readExporter(options),
    otlpTracesUrl: readTracesUrl(options),
    sampleRatio: readRatio(options),
  };
  options.throwIfProblems(
    'tracing configuration',
    (message, problems) => new InvalidClusterConfigError(message, { details: { problems } }),
  );
  return { config, rest: options.rest };
}

/** --help text for these flags. */
export function describeTracingConfig(): string {
  return describeOptions('Tracing options', TRACING_CONFIG_OPTIONS);
}

function readExporter(options: OptionReader<Key>): TracingExporterName {
  const value = options.raw('exporter');
  if (value === undefined) return 'none';
  const name = TRACING_EXPORTERS.find((exporter) => exporter === value.text);
  if (name !== undefined) return name;
  options.problems.push(
    `tracing '${value.text}' (from ${value.from}) must be one of ${TRACING_EXPORTERS.join(', ')}: ${options.hint('exporter')} (default: none)`,
  );
  return 'none';
}

function readTracesUrl(options: OptionReader<Key>): string {
  const value = options.raw('otlpEndpoint');
  const text = value?.text ?? DEFAULT_OTLP_ENDPOINT;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    options.problems.push(
      `otlpEndpoint '${text}' (from ${value?.from ?? 'the default'}) must be an http:// or https:// URL such as ${DEFAULT_OTLP_ENDPOINT}: ${options.hint('otlpEndpoint')}`,
    );
    return `${DEFAULT_OTLP_ENDPOINT}${OTLP_TRACES_PATH}`;
  }
  // Like OTEL_EXPORTER_OTLP_ENDPOINT: a bare collector address gets the traces path; a full URL is kept.
  if (url.pathname === '/' || url.pathname === '') url.pathname = OTLP_TRACES_PATH;
  return url.href;
}

function readRatio(options: OptionReader<Key>): number {
  const value = options.raw('sampleRatio');
  if (value === undefined) return DEFAULT_TRACE_SAMPLE_RATIO;
  const ratio = RATIO.test(value.text) ? Number(value.text) : Number.NaN;
  if (!(ratio >= 0 && ratio <= 1)) {
    options.problems.push(
      `sampleRatio '${value.text}' (from ${value.from}) must be a number from 0 to 1, such as 0.01 for one trace in a hundred: ${options.hint('sampleRatio')} (default: ${DEFAULT_TRACE_SAMPLE_RATIO})`,
    );
    return DEFAULT_TRACE_SAMPLE_RATIO;
  }
  return ratio;
}
