// Commands run with a deadline that kills their whole process group, failures throw with the command's output,
// missing tools name the package to install, and npm's run-script variables do not leak into children.
import { describe, expect, it } from '@jest/globals';
import { childEnv, commandOk, requireTool, runCommand } from './command.ts';
import { IMAGES_ERROR_CODES, ImagesError } from './errors.ts';

describe('runCommand', () => {
  it('returns the exit code and output', async () => {
    const result = await runCommand('sh', ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 10_000 });
    expect(result).toMatchObject({ code: 3, timedOut: false, stdout: 'out\n', stderr: 'err\n' });
  });

  it('kills a command past its deadline, grandchildren included', async () => {
    const started = performance.now();
    const result = await runCommand('sh', ['-c', 'sleep 20 & sleep 20; echo never'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.stdout).toBe('');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reports a command that cannot start', async () => {
    const result = await runCommand('/nonexistent/tool', [], { timeoutMs: 1_000 });
    expect(result.code).toBeNull();
    expect(result.stderr).toContain('ENOENT');
  });
});

describe('commandOk', () => {
  it('throws GC_ERR_IMAGES_COMMAND with the last output', async () => {
    const failing = commandOk('sh', ['-c', 'echo the reason; exit 1'], { timeoutMs: 10_000 });
    await expect(failing).rejects.toThrow(ImagesError);
    await expect(failing).rejects.toMatchObject({ code: IMAGES_ERROR_CODES.commandFailed });
    await expect(failing).rejects.toThrow(/exited 1; its last output:\nthe reason/);
  });

  it('says when the deadline killed it', async () => {
    await expect(commandOk('sleep', ['5'], { timeoutMs: 200 })).rejects.toThrow(/deadline/);
  });
});

describe('requireTool', () => {
  it('finds a tool on PATH', () => {
    expect(requireTool('sh', 'dash')).toMatch(/\/sh$/);
  });

  it('names the package to install when a tool is missing', () => {
    expect(() => requireTool('gamecluster-no-such-tool', 'some-package')).toThrow(
      expect.objectContaining({
        code: IMAGES_ERROR_CODES.prerequisite,
        message: expect.stringContaining('apt-get install -y some-package'),
      }),
    );
  });
});

describe('childEnv', () => {
  it("drops npm's run-script variables and adds the given ones", () => {
    process.env.npm_config_gamecluster_test = 'x';
    try {
      const env = childEnv({ EXTRA: '1' });
      expect(env.npm_config_gamecluster_test).toBeUndefined();
      expect(env.EXTRA).toBe('1');
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      delete process.env.npm_config_gamecluster_test;
    }
  });
});
