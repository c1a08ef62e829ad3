// Puts the gate layer on a node: the Session kind and the session registry (every node: refs to sessions need
// the kind everywhere), the push service behind ctx.client(...).push (every node can push), and on nodes with the
// gate role (or all roles) a Gate. The returned handle's start/drain/stop slot into the node's own lifecycle.
import type { ActorSystem } from '../actor/actor-system.ts';
import { InvalidGateConfigError } from './errors.ts';
import { Gate, type GateDrainResult } from './gate.ts';
import { type GateOptions, resolveGateOptions } from './gate-options.ts';
import { GATE_ROLE, SESSION_KIND_OPTIONS, Session } from './session.ts';
import type { DirectoryReader } from './session-attach.ts';
import type { SessionOptions } from './session-options.ts';
import { SessionPushService } from './session-push-service.ts';
import { SessionRegistry } from './session-registry.ts';

/** What installGate needs of a node: a ClusterNode is one (its provider reads the directory). */
export interface GateHostNode {
  readonly system: ActorSystem;
  readonly provider?: DirectoryReader;
}

export interface InstallGateOptions {
  /** The node's roles; empty means all roles (the gate runs too). */
  readonly roles: readonly string[];
  /** Gate options; required (clusterKey at least) when the node has the gate role. Session options apply on any node. */
  readonly gate?: GateOptions | SessionOptions;
}

export interface InstalledGate {
  /** The node's gate, or null when it has no gate role. */
  readonly gate: Gate | null;
  readonly push: SessionPushService;
  /** Starts listening (after the node joined the cluster). */
  start(): Promise<void>;
  /** Migrates the clients away and waits for their sessions to move (before the node's cluster drain). */
  drain(): Promise<GateDrainResult>;
  /** Closes every client with 1001 (before the node's actors stop). */
  stop(): Promise<void>;
}

export function hostsGate(roles: readonly string[]): boolean {
  return roles.length === 0 || roles.includes(GATE_ROLE);
}

/** Installs the gate layer on `node` (once, before it starts); see InstalledGate for when to call what. */
export function installGate(node: GateHostNode, options: InstallGateOptions): InstalledGate {
  const system = node.system;
  const sessionOptions: SessionOptions = options.gate ?? {};
  let gateOptions: GateOptions | undefined;
  if (hostsGate(options.roles)) {
    gateOptions = options.gate as GateOptions | undefined;
    if (gateOptions?.clusterKey === undefined) {
      throw new InvalidGateConfigError(
        'this node has the gate role but no cluster key: set --cluster-key or GAMECLUSTER_CLUSTER_KEY (the same on every node)',
      );
    }
    resolveGateOptions(gateOptions); // every problem reported before the node is touched
  }
  SessionRegistry.install(system, sessionOptions);
  system.register(Session, SESSION_KIND_OPTIONS);
  const gate = gateOptions === undefined ? null : new Gate(system, gateOptions, node.provider);
  const push = new SessionPushService(system);
  system.clientPush = push;
  const noSessions: GateDrainResult = { migrated: 0, sessionsLeft: 0 };
  return {
    gate,
    push,
    start: async () => {
      await gate?.start();
    },
    drain: () => (gate === null ? Promise.resolve(noSessions) : gate.drain()),
    stop: () => (gate === null ? Promise.resolve() : gate.stop()),
  };
}
