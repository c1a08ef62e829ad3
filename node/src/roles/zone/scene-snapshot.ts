// What a scene hands over when it moves (migration, restart): spec, tick, the rules' data, entities and players,
// as one msgpack blob in the Scene's document. One blob because a handover replaces the live state whole: writing
// a thousand entity records into the tracked document field by field, and reading them back through its faces,
// would cost more than it buys; the document's small readable fields (status, type, tick) sit beside it. The
// blob uses the stores' document codec: Maps stay Maps, and data that cannot be stored fails naming its path.
import { decodeDocument, encodeDocument } from '../../state/stores/document-codec.ts';
import type { SceneSpec } from './scene-types.ts';

/** `[id, kind, x, y, data, playerId or null]` */
export type SavedEntity = [
  id: number,
  kind: string,
  x: number,
  y: number,
  data: Record<string, unknown> | null,
  playerId: string | null,
];

export interface SceneSnapshot {
  spec: SceneSpec;
  tick: number;
  openedAtMs: number;
  nextEntityId: number;
  data: Record<string, unknown>;
  entities: SavedEntity[];
  /** In join order. */
  players: string[];
  closeReason: string | null;
  closeResult: unknown;
}

/** The Scene's persistent document. */
export interface SceneDocument {
  /** 'new' until open(), 'open' until close(), then 'closed' for good. */
  status: 'new' | 'open' | 'closed';
  /** The open scene's type (null before open): readable in the store without decoding the snapshot. */
  type: string | null;
  /** The tick at the last save. */
  tick: number;
  /** msgpack of SceneSnapshot; null before open. */
  snapshot: Uint8Array | null;
}

export function newSceneDocument(): SceneDocument {
  return { status: 'new', type: null, tick: 0, snapshot: null };
}

/** The snapshot's bytes; InvalidDocumentError naming the path when the rules' data holds something unstorable. */
export function encodeSnapshot(sceneId: string, snapshot: SceneSnapshot): Uint8Array {
  return encodeDocument({ kind: 'Scene', id: `${sceneId} (snapshot)` }, snapshot);
}

export function decodeSnapshot(sceneId: string, bytes: Uint8Array): SceneSnapshot {
  return decodeDocument({ kind: 'Scene', id: `${sceneId} (snapshot)` }, bytes) as SceneSnapshot;
}
