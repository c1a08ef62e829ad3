// The POST /drain body: what passes and what is refused with a message naming the problem.
import { describe, expect, it } from '@jest/globals';
import { parseDrainRequest } from './drain-request.ts';

describe('parseDrainRequest', () => {
  const good: { desc: string; text: string; want: object }[] = [
    { desc: 'no body', text: '', want: {} },
    { desc: 'white space', text: ' \n', want: {} },
    { desc: 'an empty object', text: '{}', want: {} },
    { desc: 'a deadline', text: '{"deadlineSeconds": 60}', want: { deadlineSeconds: 60 } },
    { desc: 'a fractional deadline', text: '{"deadlineSeconds": 0.5}', want: { deadlineSeconds: 0.5 } },
    { desc: 'the longest deadline', text: '{"deadlineSeconds": 86400}', want: { deadlineSeconds: 86_400 } },
  ];
  it.each(good)('accepts $desc', ({ text, want }) => {
    expect(parseDrainRequest(text)).toEqual({ ok: true, request: want });
  });

  const bad: { desc: string; text: string; want: RegExp }[] = [
    { desc: 'broken JSON', text: '{"deadlineSeconds":', want: /not JSON/ },
    { desc: 'an array', text: '[60]', want: /must be a JSON object/ },
    { desc: 'null', text: 'null', want: /must be a JSON object/ },
    { desc: 'a number', text: '60', want: /must be a JSON object/ },
    { desc: 'an unknown field', text: '{"deadline": 60}', want: /unknown field\(s\) "deadline"/ },
    { desc: 'a string deadline', text: '{"deadlineSeconds": "60"}', want: /deadlineSeconds must be a number/ },
    { desc: 'a zero deadline', text: '{"deadlineSeconds": 0}', want: /above 0/ },
    { desc: 'a deadline over a day', text: '{"deadlineSeconds": 86401}', want: /at most 86400, got 86401/ },
    { desc: 'a null deadline', text: '{"deadlineSeconds": null}', want: /got null/ },
  ];
  it.each(bad)('refuses $desc', ({ text, want }) => {
    const parsed = parseDrainRequest(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(want);
  });
});
