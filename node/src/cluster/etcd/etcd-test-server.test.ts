// The etcd test harness itself: it starts a real etcd, keeps data across restarts, and says how to install etcd
// when it is missing.
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Etcd3 } from 'etcd3';
import { randomLoopbackHost } from './etcd-test-helpers.ts';
import { EtcdTestServer } from './etcd-test-server.ts';

describe('EtcdTestServer', () => {
  it('starts, keeps its data across stop/restart and kill/restart, and removes it on dispose', async () => {
    const host = randomLoopbackHost();
    const server = await EtcdTestServer.start({ host });
    try {
      expect(server.endpoint).toMatch(new RegExp(`^http://${host.replaceAll('.', '\\.')}:\\d+$`));
      const put = new Etcd3({ hosts: [server.endpoint] });
      await put.put('k').value('v');
      put.close();

      await server.stop();
      expect(server.running).toBe(false);
      await server.restart();
      await server.kill();
      await server.restart();
      const get = new Etcd3({ hosts: [server.endpoint] });
      expect(await get.get('k').string()).toBe('v');
      get.close();
      await expect(server.restart()).rejects.toThrow(/still running/);
    } finally {
      await server.dispose();
    }
    expect(existsSync(server.dataDir)).toBe(false);
  });

  it('says how to install etcd when it is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(EtcdTestServer.start()).rejects.toThrow(/apt-get install etcd-server/);
    } finally {
      process.env.PATH = path;
    }
  });
});
