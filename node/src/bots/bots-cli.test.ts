// The bots CLI as a user runs it (a child process of Node 24) against the fake gate for 2 s: it logs every bot in,
// prints progress on stderr and one JSON summary on stdout; bad flags and an unreachable gate fail clearly.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { FakeGate } from '../client/testing/fake-gate.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let gate: FakeGate | undefined;
afterEach(async () => {
  await gate?.close();
  gate = undefined;
});

describe('bots CLI', () => {
  it('runs the echo scenario for 2 s and prints a JSON summary', async () => {
    gate = await new FakeGate({ limits: { messagesPerSecond: 200, burst: 50 } }).listen();
    const { code, stdout, stderr } = await runCli([
      '--url',
      gate.url,
      '--count',
      '4',
      '--duration',
      '2s',
      '--ramp',
      '200ms',
      '--scenario',
      'echo',
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ scenario: 'echo', clients: 4, connected: 4, errors: 0, errorsByCode: {} });
    expect(summary.requests).toBeGreaterThan(100);
    expect(summary.p50Ms).toBeGreaterThan(0);
    expect(summary.p99Ms).toBeGreaterThanOrEqual(summary.p50Ms);
    expect(summary.durationSeconds).toBeGreaterThanOrEqual(2);
    expect(stderr).toMatch(/connected 4\/4 \| \d+ req\/s \| errors 0 \| p50 [\d.]+ ms \| p99 [\d.]+ ms/);
    expect(gate.logins).toBe(4);
    const players = [...gate.sessions.values()].map((session) => session.playerId);
    expect(new Set(players).size).toBe(4);
  });

  it('runs the idle scenario: connects and only heartbeats', async () => {
    gate = await new FakeGate({ heartbeatMs: 400 }).listen();
    const { code, stdout } = await runCli([
      '--url',
      gate.url,
      '--count',
      '3',
      '--duration',
      '1s',
      '--scenario',
      'idle',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toMatchObject({ scenario: 'idle', connected: 3, requests: 0, errors: 0 });
    const sent = [...gate.sessions.values()].flatMap((session) => session.received.map((frame) => frame.type));
    expect(new Set(sent)).toEqual(new Set([4])); // PING only
  });

  it('exits 1 with the error codes when no bot can log in', async () => {
    const { code, stdout, stderr } = await runCli([
      '--url',
      'ws://127.0.0.1:9/ws',
      '--count',
      '2',
      '--duration',
      '500ms',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout.trim())).toMatchObject({ connected: 0, errors: 2, errorsByCode: { BOT_LOGIN_FAILED: 2 } });
    expect(stderr).toMatch(/no bot could connect/);
  });

  it('exits 2 on bad flags and unknown scenarios', async () => {
    const bad = await runCli(['--count', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--url is required[\s\S]*usage: npm run bots/);
    const unknown = await runCli(['--url', 'ws://127.0.0.1:9/ws', '--scenario', 'arena-royale']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown scenario arena-royale; known:\n {2}arena: .*\n {2}echo: .*\n {2}idle: /);
  });
});
