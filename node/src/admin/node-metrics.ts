// The node's Prometheus registry: process metrics (prom-client's defaults) and gauges read from the node at scrape
// time, so nothing on the hot path pays for them. One registry per node: a test process may run several.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { GameNode } from '../game-node.ts';

export function nodeMetrics(node: GameNode): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ role: node.cluster.roles.length === 0 ? 'all' : node.cluster.roles.join('+') });
  collectDefaultMetrics({ register: registry, prefix: 'gamecluster_' });
  new Gauge({
    name: 'gamecluster_actor_activations',
    help: 'Live actor activations on this node, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const kind of node.system.kinds()) this.set({ kind: kind.name }, kind.activations.size);
    },
  });
  new Gauge({
    name: 'gamecluster_node_load',
    help: 'The load this node publishes for least-loaded placement.',
    registers: [registry],
    collect() {
      this.set(node.cluster.load());
    },
  });
  new Gauge({
    name: 'gamecluster_cluster_members',
    help: 'Members this node sees in the cluster.',
    registers: [registry],
    collect() {
      this.set(node.cluster.provider.members().size);
    },
  });
  new Gauge({
    name: 'gamecluster_gate_connections',
    help: 'Open client connections on this node’s gate.',
    registers: [registry],
    collect() {
      this.set(node.gate.gate?.stats().connections ?? 0);
    },
  });
  return registry;
}
