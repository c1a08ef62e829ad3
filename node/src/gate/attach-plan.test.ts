// The resume rules (planAttach) and how handovers from several attempts combine (mergeHandovers).
import { describe, expect, it } from '@jest/globals';
import { type AttachPlan, planAttach } from './attach-plan.ts';
import { type AttachRequest, EMPTY_HANDOVER, type Handover, mergeHandovers } from './session-handover.ts';

const f = (n: number) => new Uint8Array([n]);
const resume = (sessionId: string | null, lastSeq: number): AttachRequest => ({
  attachKey: 'k',
  origin: 'o',
  sessionId,
  lastSeq,
});
const session = (resumable: boolean, frames: Uint8Array[] = []) => ({ sessionId: 's1', seq: 9, resumable, frames });

describe('planAttach', () => {
  const cases: { desc: string; handover: Handover; request: AttachRequest; want: Partial<AttachPlan> }[] = [
    {
      desc: 'no session anywhere: new',
      handover: EMPTY_HANDOVER,
      request: resume(null, 0),
      want: { sessionId: null, resumed: false, startSeq: 0, frames: [] },
    },
    {
      desc: 'resume of the session found, buffer reaching back: resumed with its frames',
      handover: { ...EMPTY_HANDOVER, session: session(true, [f(8), f(9)]) },
      request: resume('s1', 7),
      want: { sessionId: 's1', resumed: true, startSeq: 7, frames: [f(8), f(9)] },
    },
    {
      desc: 'resume, but the buffer no longer reaches back: new',
      handover: { ...EMPTY_HANDOVER, session: session(false) },
      request: resume('s1', 1),
      want: { sessionId: null, resumed: false, startSeq: 0, frames: [] },
    },
    {
      desc: 'resume of another session id: new',
      handover: { ...EMPTY_HANDOVER, session: { ...session(true), sessionId: 's0' } },
      request: resume('s1', 9),
      want: { sessionId: null, resumed: false },
    },
    {
      desc: 'a login without resume while a session exists: new',
      handover: { ...EMPTY_HANDOVER, session: session(true) },
      request: resume(null, 0),
      want: { sessionId: null, resumed: false },
    },
    {
      desc: 'stray pushes were dropped: cannot resume completely, new',
      handover: { ...EMPTY_HANDOVER, session: session(true), straysLost: true },
      request: resume('s1', 9),
      want: { resumed: false },
    },
    {
      desc: 'strays and bindings carry over either way',
      handover: { ...EMPTY_HANDOVER, strays: [['e', 1]], bindings: [['room', 'Room', 'r1']] },
      request: resume(null, 0),
      want: { strays: [['e', 1]], bindings: [['room', 'Room', 'r1']] },
    },
  ];
  it.each(cases)('$desc', ({ handover, request, want }) => {
    expect(planAttach(handover, request)).toMatchObject(want);
  });
});

describe('mergeHandovers', () => {
  const a: Handover = {
    epoch: 1,
    session: session(true, [f(1)]),
    strays: [['a', 1]],
    straysLost: false,
    bindings: [
      ['room', 'Room', 'r1'],
      ['team', 'Team', 't1'],
    ],
  };
  const b: Handover = {
    epoch: 2,
    session: null,
    strays: [['b', 2]],
    straysLost: true,
    bindings: [['room', 'Room', 'r2']],
  };

  it('keeps the session, appends strays in order, lets later bindings win, and takes the later epoch', () => {
    expect(mergeHandovers(a, b)).toEqual({
      epoch: 2,
      session: a.session,
      strays: [
        ['a', 1],
        ['b', 2],
      ],
      straysLost: true,
      bindings: [
        ['room', 'Room', 'r2'],
        ['team', 'Team', 't1'],
      ],
    });
  });

  it('prefers a resumable session over one that is not', () => {
    const stale = { ...a, session: session(false) };
    expect(mergeHandovers(stale, { ...b, session: session(true, [f(5)]) }).session?.frames).toEqual([f(5)]);
    expect(mergeHandovers(EMPTY_HANDOVER, a).session).toBe(a.session);
  });
});
