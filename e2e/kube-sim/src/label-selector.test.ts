// Table tests of label selector parsing and matching (the forms kubectl and controllers send).

import { describe, expect, it } from '@jest/globals';
import { formatRequirements, matchesLabels, parseLabelSelector, requirementsOfSelector } from './label-selector.ts';

const labels = { app: 'game', role: 'zone', tier: '' };

describe('label selectors', () => {
  it.each([
    { desc: 'equality', selector: 'role=zone', want: true },
    { desc: 'double equals', selector: 'role==zone', want: true },
    { desc: 'inequality on a present key', selector: 'role!=zone', want: false },
    { desc: 'inequality on an absent key', selector: 'missing!=x', want: true },
    { desc: 'in', selector: 'role in (gate, zone)', want: true },
    { desc: 'notin', selector: 'role notin (gate,zone)', want: false },
    { desc: 'notin on an absent key', selector: 'missing notin (a)', want: true },
    { desc: 'exists', selector: 'tier', want: true },
    { desc: 'does not exist', selector: '!tier', want: false },
    { desc: 'conjunction with a set inside', selector: 'app=game,role in (zone,db),!missing', want: true },
    { desc: 'empty selector matches everything', selector: '', want: true },
    { desc: 'empty value', selector: 'tier=', want: true },
  ])('$desc: $selector', ({ selector, want }) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(want);
  });

  it('refuses a malformed term with 400', () => {
    expect(() => parseLabelSelector('role=(zone')).toThrow(expect.objectContaining({ httpCode: 400 }));
  });

  it('turns a LabelSelector object into requirements and back into the query form', () => {
    const r = requirementsOfSelector({
      matchLabels: { app: 'game' },
      matchExpressions: [
        { key: 'role', operator: 'In', values: ['zone'] },
        { key: 'x', operator: 'DoesNotExist' },
      ],
    });
    expect(formatRequirements(r)).toBe('app=game,role in (zone),!x');
    expect(matchesLabels(r, labels)).toBe(true);
  });
});
