// Table tests of the dial rule and of which incoming streams an acceptor takes.

import { status } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { decideHello, dialsTo } from './mesh-handshake.ts';
import { MESH_PROTOCOL_VERSION } from './mesh-wire.ts';

const version = String(MESH_PROTOCOL_VERSION);

describe('dialsTo', () => {
  it.each([
    { desc: 'lower id dials', self: 'a.1', peer: 'b.1', want: true },
    { desc: 'higher id accepts', self: 'b.1', peer: 'a.1', want: false },
    { desc: 'incarnation decides between equal names', self: 'node-1.0a', peer: 'node-1.0b', want: true },
    { desc: 'plain string order, not numeric', self: 'node-10', peer: 'node-9', want: true },
  ])('$desc', ({ self, peer, want }) => {
    expect(dialsTo(self, peer)).toBe(want);
    expect(dialsTo(peer, self)).toBe(!want);
  });
});

describe('decideHello', () => {
  const departed = (id: string) => id === 'a.gone';
  it.each([
    { desc: 'a lower member meaning this incarnation', hello: { from: 'a.1', to: 'b.1', version }, want: undefined },
    { desc: 'another version', hello: { from: 'a.1', to: 'b.1', version: '0' }, want: status.FAILED_PRECONDITION },
    { desc: 'no version', hello: { from: 'a.1', to: 'b.1', version: '' }, want: status.FAILED_PRECONDITION },
    { desc: 'no member id', hello: { from: '', to: 'b.1', version }, want: status.INVALID_ARGUMENT },
    { desc: 'an earlier incarnation', hello: { from: 'a.1', to: 'b.0', version }, want: status.FAILED_PRECONDITION },
    {
      desc: 'a higher member (dial rule)',
      hello: { from: 'c.1', to: 'b.1', version },
      want: status.FAILED_PRECONDITION,
    },
    { desc: 'itself', hello: { from: 'b.1', to: 'b.1', version }, want: status.FAILED_PRECONDITION },
    { desc: 'a departed member', hello: { from: 'a.gone', to: 'b.1', version }, want: status.UNAVAILABLE },
  ])('$desc', ({ hello, want }) => {
    const decision = decideHello(hello, 'b.1', departed);
    if (want === undefined) expect(decision).toEqual({ accept: true });
    else expect(decision).toMatchObject({ accept: false, code: want });
  });
});
