// A mesh peer in a process of its own, for tests that kill it: `node testing-mesh-peer.ts <id> <host>` listens,
// prints its address as one line on stdout, records what arrives and never answers asks.
import { MeshTransport } from './mesh-transport.ts';

const [id, host] = process.argv.slice(2);
const transport = new MeshTransport({
  selfId: id!,
  host: host!,
  port: 0,
  handler: { onEnvelope() {} },
  onError: () => {},
});
process.stdout.write(`${await transport.listen()}\n`);
