// Turns a node's tracing flags into its NodeTracing: the exporter the flags name, the sample ratio, and the node's
// identity (name, roles, cluster, pid) as the spans' resource, so a collector tells the processes apart.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { NodeTracing } from './tracing.ts';
import type { TracingConfig } from './tracing-config.ts';
import { JsonLineSpanExporter } from './tracing-console-exporter.ts';

/** Who is tracing: what the spans' resource says about this process. */
export interface TracingIdentity {
  readonly name: string;
  readonly roles: readonly string[];
  readonly cluster: string;
  readonly pid: number;
}

/** The node's tracing, or null with `--tracing none` (then nothing of OpenTelemetry runs). */
export function createNodeTracing(config: TracingConfig, identity: TracingIdentity): NodeTracing | null {
  const exporter = exporterFor(config);
  if (exporter === null) return null;
  return new NodeTracing({
    exporter,
    sampleRatio: config.sampleRatio,
    instanceId: identity.name,
    resourceAttributes: {
      'service.namespace': identity.cluster,
      'process.pid': identity.pid,
      'gamecluster.roles': identity.roles.length === 0 ? 'all' : identity.roles.join(','),
    },
  });
}

function exporterFor(config: TracingConfig): SpanExporter | null {
  switch (config.exporter) {
    case 'none':
      return null;
    case 'console':
      return new JsonLineSpanExporter();
    case 'otlp':
      return new OTLPTraceExporter({ url: config.otlpTracesUrl });
  }
}
