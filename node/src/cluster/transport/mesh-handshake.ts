// Decides whether an incoming stream may become the stream of its peer pair: pure, so every rule has a table
// test. The lower member id dials; the acceptor refuses streams meant for another incarnation (a restarted
// process that reused the address must not get a dead one's traffic), from another protocol version, from a
// member that already left, or that break the dial rule.
import { status } from '@grpc/grpc-js';
import type { MeshHello } from './mesh-grpc.ts';
import { MESH_PROTOCOL_VERSION } from './mesh-wire.ts';

/** Of two members, the one whose id sorts lower dials; the other accepts. */
export function dialsTo(selfId: string, peerId: string): boolean {
  return selfId < peerId;
}

export type HelloDecision =
  | { readonly accept: true }
  | { readonly accept: false; readonly code: status; readonly details: string };

export function decideHello(hello: MeshHello, selfId: string, departed: (memberId: string) => boolean): HelloDecision {
  if (hello.version !== String(MESH_PROTOCOL_VERSION)) {
    return refuse(
      status.FAILED_PRECONDITION,
      `mesh protocol version ${hello.version || '(none)'} refused: this node speaks ${MESH_PROTOCOL_VERSION}; ` +
        'run the same gamecluster version on every node',
    );
  }
  if (hello.from === '') return refuse(status.INVALID_ARGUMENT, 'mesh stream without a member id (gc-mesh-from)');
  if (hello.to !== selfId) {
    return refuse(
      status.FAILED_PRECONDITION,
      `this address now serves member ${selfId}, not ${hello.to || '(none)'}: the member you dialled is gone; ` +
        'wait for the membership to update',
    );
  }
  if (!dialsTo(hello.from, selfId)) {
    return refuse(
      status.FAILED_PRECONDITION,
      `member ${hello.from} must accept from ${selfId}, not dial it: the lower member id dials`,
    );
  }
  if (departed(hello.from)) {
    return refuse(status.UNAVAILABLE, `member ${hello.from} left the cluster or was declared dead; rejoin first`);
  }
  return { accept: true };
}

function refuse(code: status, details: string): HelloDecision {
  return { accept: false, code, details };
}
