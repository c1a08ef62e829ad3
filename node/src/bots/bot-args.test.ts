// Table tests of the bots command line: defaults, every flag, and every problem reported at once.
import { describe, expect, it } from '@jest/globals';
import { loginUrlFor, parseBotArgs, parseDurationMs } from './bot-args.ts';

describe('parseBotArgs', () => {
  it('fills defaults and derives the login URL from the gate URL', () => {
    expect(parseBotArgs(['--url', 'ws://127.0.0.5:7000/ws'], 'abc')).toEqual({
      ok: true,
      args: {
        url: 'ws://127.0.0.5:7000/ws',
        urls: ['ws://127.0.0.5:7000/ws'],
        loginUrl: 'http://127.0.0.5:7000/dev/login',
        count: 10,
        durationMs: 60_000,
        rampMs: 0,
        scenario: 'echo',
        playerPrefix: 'bot-abc-',
        requestTimeoutMs: 10_000,
      },
    });
  });

  it('spreads bots over a comma list of gates and checks each URL', () => {
    const parsed = parseBotArgs(['--url', 'ws://127.0.0.1:7350/ws,ws://127.0.0.1:7351/ws'], 'x');
    expect(parsed.ok && parsed.args.urls).toEqual(['ws://127.0.0.1:7350/ws', 'ws://127.0.0.1:7351/ws']);
    expect(parsed.ok && parsed.args.url).toBe('ws://127.0.0.1:7350/ws');
    const bad = parseBotArgs(['--url', 'ws://127.0.0.1:7350/ws,http://x'], 'x');
    expect(bad).toEqual({ ok: false, help: false, problems: ['--url must be ws:// or wss:// URLs, got http://x'] });
  });

  it('takes every flag, in both --flag value and --flag=value forms', () => {
    const parsed = parseBotArgs(
      [
        '--url=wss://gate.example:443/ws',
        '--count',
        '3',
        '--duration',
        '2s',
        '--scenario',
        'idle',
        '--login-url',
        'http://login/dev/login',
        '--ramp=500ms',
        '--player-prefix',
        'p-',
        '--request-timeout',
        '1.5s',
      ],
      'x',
    );
    expect(parsed).toEqual({
      ok: true,
      args: {
        url: 'wss://gate.example:443/ws',
        urls: ['wss://gate.example:443/ws'],
        loginUrl: 'http://login/dev/login',
        count: 3,
        durationMs: 2_000,
        rampMs: 500,
        scenario: 'idle',
        playerPrefix: 'p-',
        requestTimeoutMs: 1_500,
      },
    });
  });

  const problems = [
    { desc: 'no url', argv: [], want: /--url is required/ },
    { desc: 'http url', argv: ['--url', 'http://x/ws'], want: /ws:\/\/ or wss:\/\// },
    { desc: 'zero bots', argv: ['--url', 'ws://x/ws', '--count', '0'], want: /--count/ },
    { desc: 'bad duration', argv: ['--url', 'ws://x/ws', '--duration', 'soon'], want: /--duration/ },
    { desc: 'bad ramp', argv: ['--url', 'ws://x/ws', '--ramp', '-1s'], want: /--ramp/ },
    { desc: 'unknown flag', argv: ['--url', 'ws://x/ws', '--turbo'], want: /unknown argument --turbo/ },
    { desc: 'missing value', argv: ['--url'], want: /--url needs a value/ },
  ];
  it.each(problems)('reports $desc', ({ argv, want }) => {
    const parsed = parseBotArgs(argv, 'x');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problems.join('\n')).toMatch(want);
  });

  it('reports every problem at once, and --help', () => {
    const parsed = parseBotArgs(['--count', 'x', '--duration', 'y'], 'x');
    expect(parsed.ok ? [] : parsed.problems).toHaveLength(3);
    expect(parseBotArgs(['--help'], 'x')).toEqual({ ok: false, problems: [], help: true });
  });
});

describe('durations and login URLs', () => {
  const durations = [
    { text: '60s', want: 60_000 },
    { text: '500ms', want: 500 },
    { text: '2m', want: 120_000 },
    { text: '1.5s', want: 1_500 },
    { text: '3', want: 3_000 },
    { text: '3h', want: undefined },
    { text: '', want: undefined },
  ];
  it.each(durations)('$text', ({ text, want }) => {
    expect(parseDurationMs(text)).toBe(want);
  });

  it('maps ws to http and wss to https', () => {
    expect(loginUrlFor('ws://h:1/ws')).toBe('http://h:1/dev/login');
    expect(loginUrlFor('wss://h/ws')).toBe('https://h/dev/login');
  });
});
