// How a benchmark server process measures itself: memory after full collections (so what is counted is what the
// held connections keep alive, not garbage) and the CPU time it used, both reported over IPC.
import type { MemorySnapshot } from './bench-gate-wire.ts';

export async function measureMemory(): Promise<MemorySnapshot> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('start the server process with --expose-gc to measure its memory');
  gc();
  // A turn for finalizers (freed Buffers release their native memory) before the collection that counts.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapTotal: usage.heapTotal,
    heapUsed: usage.heapUsed,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
  };
}

/** CPU seconds (user + system) this process has used so far. */
export function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
