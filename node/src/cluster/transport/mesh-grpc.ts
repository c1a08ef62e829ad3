// The gRPC side of the mesh: one generic bidi-streaming method whose messages are raw frames (Buffer in, Buffer
// out: no protobuf), channel and server options (keepalive, message size = maxFrameBytes, no retry buffering),
// credentials (plaintext or mutual TLS) and the handshake metadata.
import * as grpc from '@grpc/grpc-js';
import type { ResolvedMeshTransportOptions } from './mesh-transport-options.ts';
import { MESH_CONNECT_PATH, MESH_PROTOCOL_VERSION, MeshMetadataKey } from './mesh-wire.ts';

/** A stream either side of a peer pair writes frames on. */
export type MeshStream = grpc.ClientDuplexStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>;

const passthrough = (frame: Buffer): Buffer => frame;

/** The service definition: frames pass through untouched, both ways. */
export const MESH_SERVICE_DEFINITION: grpc.ServiceDefinition = {
  Connect: {
    path: MESH_CONNECT_PATH,
    requestStream: true,
    responseStream: true,
    requestSerialize: passthrough,
    requestDeserialize: passthrough,
    responseSerialize: passthrough,
    responseDeserialize: passthrough,
  },
};

export function createMeshServer(
  options: ResolvedMeshTransportOptions,
  accept: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => void,
): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxFrameBytes,
    'grpc.max_send_message_length': options.maxFrameBytes,
    'grpc.keepalive_time_ms': options.keepaliveIntervalMs,
    'grpc.keepalive_timeout_ms': options.keepaliveTimeoutMs,
  });
  server.addService(MESH_SERVICE_DEFINITION, { Connect: accept });
  return server;
}

export function serverCredentials(options: ResolvedMeshTransportOptions): grpc.ServerCredentials {
  const tls = options.tls;
  if (tls === undefined) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(tls.ca, [{ cert_chain: tls.cert, private_key: tls.key }], true);
}

/** A client for one dial attempt: its own channel and subchannel pool, so a failed attempt leaves nothing shared. */
export function createMeshClient(options: ResolvedMeshTransportOptions, address: string): grpc.Client {
  const tls = options.tls;
  const credentials =
    tls === undefined ? grpc.credentials.createInsecure() : grpc.credentials.createSsl(tls.ca, tls.key, tls.cert);
  const channelOptions: grpc.ChannelOptions = {
    'grpc.max_receive_message_length': options.maxFrameBytes,
    'grpc.max_send_message_length': options.maxFrameBytes,
    'grpc.keepalive_time_ms': options.keepaliveIntervalMs,
    'grpc.keepalive_timeout_ms': options.keepaliveTimeoutMs,
    'grpc.keepalive_permit_without_calls': 1,
    // Retries would buffer every frame written on the stream for a replay the mesh never wants.
    'grpc.enable_retries': 0,
    'grpc.use_local_subchannel_pool': 1,
    // The transport runs its own reconnect backoff per attempt; the channel should try at once.
    'grpc.initial_reconnect_backoff_ms': options.reconnectInitialMs,
    'grpc.max_reconnect_backoff_ms': options.reconnectMaxMs,
  };
  if (tls?.serverName !== undefined) channelOptions['grpc.ssl_target_name_override'] = tls.serverName;
  return new grpc.Client(address, credentials, channelOptions);
}

/** Opens the peer pair's stream as its dialer. */
export function openMeshStream(
  client: grpc.Client,
  selfId: string,
  peerId: string,
): grpc.ClientDuplexStream<Buffer, Buffer> {
  const metadata = new grpc.Metadata();
  metadata.set(MeshMetadataKey.From, selfId);
  metadata.set(MeshMetadataKey.To, peerId);
  metadata.set(MeshMetadataKey.Version, String(MESH_PROTOCOL_VERSION));
  return client.makeBidiStreamRequest(MESH_CONNECT_PATH, passthrough, passthrough, metadata);
}

/** What a dialer said about itself in its request metadata. */
export interface MeshHello {
  readonly from: string;
  readonly to: string;
  readonly version: string;
}

export function readHello(metadata: grpc.Metadata): MeshHello {
  return {
    from: firstString(metadata, MeshMetadataKey.From),
    to: firstString(metadata, MeshMetadataKey.To),
    version: firstString(metadata, MeshMetadataKey.Version),
  };
}

/** The acceptor's response headers: the dialer starts writing once it sees its peer's id here. */
export function acceptedMetadata(selfId: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set(MeshMetadataKey.Accepted, selfId);
  return metadata;
}

export function readAccepted(metadata: grpc.Metadata): string {
  return firstString(metadata, MeshMetadataKey.Accepted);
}

/**
 * Ends a stream. OK ends it cleanly after what was written (the acceptor sends status OK, the dialer half-closes);
 * any other code cuts it (the acceptor sends that status, the dialer cancels). Safe on a finished stream.
 */
export function closeMeshStream(stream: MeshStream, code: grpc.status, details: string): void {
  if ('cancel' in stream) {
    if (code === grpc.status.OK) stream.end();
    else stream.cancel();
    return;
  }
  if (stream.cancelled || stream.writableEnded) return;
  if (code === grpc.status.OK) stream.end();
  else stream.emit('error', { code, details });
}

function firstString(metadata: grpc.Metadata, key: string): string {
  const value = metadata.get(key)[0];
  return typeof value === 'string' ? value : '';
}
