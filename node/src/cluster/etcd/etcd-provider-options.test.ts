// Option defaults, derived lease timings, and the problems reported for bad options.
import { describe, expect, it } from '@jest/globals';
import { InvalidClusterConfigError } from '../errors.ts';
import { type EtcdClusterProviderOptions, resolveEtcdProviderOptions } from './etcd-provider-options.ts';

const base: EtcdClusterProviderOptions = { endpoints: ['http://127.0.0.1:2379'], cluster: 'demo' };

describe('resolveEtcdProviderOptions', () => {
  it('fills defaults and derives the lease timings', () => {
    const resolved = resolveEtcdProviderOptions(base);
    expect(resolved).toMatchObject({
      leaseTtlMs: 5_000,
      leaseTtlSeconds: 5,
      callTimeoutMs: 2_000,
      keepaliveTimeoutMs: 5_000 / 3,
      serveMarginMs: 500,
    });
    // The first failed renewal after a good one is known before the lease deadline.
    expect(resolved.keepaliveIntervalMs + resolved.keepaliveTimeoutMs).toBeLessThan(
      resolved.leaseTtlMs - resolved.serveMarginMs,
    );
  });

  it('rounds the etcd TTL up to whole seconds and shortens the call timeout for short leases', () => {
    expect(resolveEtcdProviderOptions({ ...base, leaseTtlMs: 1_500 })).toMatchObject({
      leaseTtlSeconds: 2,
      callTimeoutMs: 750,
      keepaliveTimeoutMs: 500,
    });
  });

  const cases: { desc: string; options: EtcdClusterProviderOptions; want: RegExp }[] = [
    { desc: 'no endpoints', options: { ...base, endpoints: [] }, want: /endpoints: give at least one/ },
    { desc: 'endpoint without scheme', options: { ...base, endpoints: ['127.0.0.1:2379'] }, want: /endpoints\[0\]/ },
    { desc: 'cluster with a slash', options: { ...base, cluster: 'a/b' }, want: /cluster: "a\/b"/ },
    { desc: 'empty cluster', options: { ...base, cluster: '' }, want: /cluster: ""/ },
    { desc: 'sub-second lease', options: { ...base, leaseTtlMs: 500 }, want: /leaseTtlMs: 500/ },
    { desc: 'zero call timeout', options: { ...base, callTimeoutMs: 0 }, want: /callTimeoutMs: 0/ },
  ];
  it.each(cases)('refuses $desc', ({ options, want }) => {
    expect(() => resolveEtcdProviderOptions(options)).toThrow(InvalidClusterConfigError);
    expect(() => resolveEtcdProviderOptions(options)).toThrow(want);
  });

  it('lists every problem at once', () => {
    expect(() => resolveEtcdProviderOptions({ endpoints: [], cluster: '', leaseTtlMs: 10 })).toThrow(
      /endpoints[\s\S]*cluster[\s\S]*leaseTtlMs/,
    );
  });
});
