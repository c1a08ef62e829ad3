// The mesh transport with mutual TLS, on real gRPC over loopback and certificates made here by the openssl CLI
// (a CA and one certificate per node); a client without a certificate is refused.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MESH_CONNECT_PATH, MESH_PROTOCOL_VERSION, MeshMetadataKey } from './mesh-wire.ts';
import { askEnvelope, loopbackHost, startNode, type TestNode, TestPendingAsk } from './testing-mesh.ts';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const opensslPresent = hasOpenssl();
if (!opensslPresent) {
  process.stderr.write(
    'mesh-transport-tls.test.ts: skipped: the openssl CLI is not on PATH (needed to make certificates)\n',
  );
}
const describeWithOpenssl = opensslPresent ? describe : describe.skip;

interface Certs {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** A CA, then one EC key and certificate per name, valid for the given IP (server and client use). */
function makeCerts(dir: string, nodes: { name: string; ip: string }[]): { ca: Buffer; nodes: Map<string, Certs> } {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=mesh-test-ca');
  const ca = readFileSync(join(dir, 'ca.crt'));
  const out = new Map<string, Certs>();
  for (const { name, ip } of nodes) {
    openssl('req', ...ecKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    writeFileSync(
      join(dir, `${name}.ext`),
      `subjectAltName=IP:${ip}\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    );
    out.set(name, { ca, cert: readFileSync(join(dir, `${name}.crt`)), key: readFileSync(join(dir, `${name}.key`)) });
  }
  return { ca, nodes: out };
}

describeWithOpenssl('MeshTransport with mutual TLS', () => {
  let dir: string;
  let a: TestNode;
  let b: TestNode;
  let ca: Buffer;
  let certsOfA: Certs;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mesh-tls-'));
    const hostA = loopbackHost();
    let hostB = loopbackHost();
    while (hostB === hostA) hostB = loopbackHost();
    const certs = makeCerts(dir, [
      { name: 'a', ip: hostA },
      { name: 'b', ip: hostB },
    ]);
    ca = certs.ca;
    certsOfA = certs.nodes.get('a')!;
    a = await startNode('a.1', { host: hostA, tls: certs.nodes.get('a')! });
    b = await startNode('b.1', { host: hostB, tls: certs.nodes.get('b')! });
    a.transport.updatePeers([{ id: 'b.1', address: b.address }]);
    b.transport.updatePeers([{ id: 'a.1', address: a.address }]);
  });

  afterAll(async () => {
    await Promise.all([a?.transport.close(), b?.transport.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('carries asks both ways between nodes with certificates of the same CA', async () => {
    const ab = new TestPendingAsk();
    const ba = new TestPendingAsk();
    a.transport.ask('b.1', askEnvelope('c', 'get', ['over tls']), 0, ab);
    b.transport.ask('a.1', askEnvelope('c', 'get', ['back']), 0, ba);
    expect(await ab.result).toEqual(['over tls']);
    expect(await ba.result).toEqual(['back']);
    expect(a.transport.stats()).toMatchObject({ streams: 1, streamsDialed: 1 });
  });

  it('refuses a client that presents no certificate (and accepts the same client with one)', async () => {
    const acceptedBefore = b.transport.stats().streamsAccepted;
    expect(await openRaw(grpc.credentials.createSsl(ca))).toBe('refused UNAVAILABLE');
    expect(b.transport.stats().streamsAccepted).toBe(acceptedBefore);
    expect(await openRaw(grpc.credentials.createSsl(ca, certsOfA.key, certsOfA.cert))).toBe('accepted');
    expect(b.transport.stats().streamsAccepted).toBe(acceptedBefore + 1);
  });

  /** Opens a stream to b by hand as member a.0: 'accepted' or 'refused <status>'. */
  async function openRaw(credentials: grpc.ChannelCredentials): Promise<string> {
    const client = new grpc.Client(b.address, credentials, { 'grpc.use_local_subchannel_pool': 1 });
    try {
      const metadata = new grpc.Metadata();
      metadata.set(MeshMetadataKey.From, 'a.0');
      metadata.set(MeshMetadataKey.To, 'b.1');
      metadata.set(MeshMetadataKey.Version, String(MESH_PROTOCOL_VERSION));
      const call = client.makeBidiStreamRequest<Buffer, Buffer>(
        MESH_CONNECT_PATH,
        (x) => x,
        (x) => x,
        metadata,
      );
      const outcome = await new Promise<string>((resolve) => {
        call.on('metadata', () => resolve('accepted'));
        call.on('error', (error: grpc.ServiceError) => resolve(`refused ${grpc.status[error.code]}`));
      });
      call.cancel();
      return outcome;
    } finally {
      client.close();
    }
  }

  it('refuses a plaintext client', async () => {
    const client = new grpc.Client(b.address, grpc.credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
    });
    try {
      const call = client.makeBidiStreamRequest<Buffer, Buffer>(
        MESH_CONNECT_PATH,
        (x) => x,
        (x) => x,
        new grpc.Metadata(),
      );
      const code = await new Promise<number>((resolve) =>
        call.on('error', (error: grpc.ServiceError) => resolve(error.code)),
      );
      expect(code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      client.close();
    }
  });
});
