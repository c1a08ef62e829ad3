// Where the gate benchmarks' helper programs are, for BenchChild.start.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const GATE_SERVER_PROGRAM = join(here, 'gate-server.ts');
export const RAW_SERVER_PROGRAM = join(here, 'raw-server.ts');
export const CLIENT_FLEET_PROGRAM = join(here, 'client-fleet.ts');
