import { describe, expect, it } from 'vitest';
import { CONFIDENCE_THRESHOLDS as T, confidenceOf } from '../../lib/notes';
import { NOW, item } from '../signals/fixtures';

const praise = (author: string, daysAgo: number, channel = 'general') => item({ label: 'recognition', author, subjects: ['alice'], daysAgo, channel });

describe('confidenceOf', () => {
  it('is strong with enough pieces from enough people in more than one place, recently', () => {
    const strong = confidenceOf([praise('bob', 3), praise('carol', 20, 'eng'), praise('dan', 40), praise('bob', 60)], NOW);
    expect(strong).toEqual({
      level: 'strong',
      label: 'Strong evidence',
      reason: '4 pieces from 3 people in 2 places, the latest 3 days before the end of the period.',
    });
  });

  it('is "some" when one bar of strong is missed, and says which', () => {
    const oneChannel = confidenceOf([praise('bob', 3), praise('carol', 20), praise('dan', 40), praise('bob', 60)], NOW);
    expect(oneChannel.level).toBe('some');
    expect(oneChannel.reason).toContain('Strong evidence needs at least 2 channels or pages.');
    const stale = confidenceOf([praise('bob', T.recentDays + 1), praise('carol', 50, 'eng'), praise('dan', 60), praise('eve', 70)], NOW);
    expect(stale).toMatchObject({ level: 'some', label: 'Some evidence' });
    expect(stale.reason).toContain(`one from the last ${T.recentDays / 7} weeks`);
    const few = confidenceOf([praise('bob', 3), praise('carol', 5, 'eng')], NOW);
    expect(few.reason).toContain('Strong evidence needs at least 4 pieces and at least 3 people.');
  });

  it('is not enough with one piece, or with everything from one person', () => {
    expect(confidenceOf([], NOW)).toEqual({ level: 'not-enough', label: 'Not enough evidence', reason: 'No evidence in this period.' });
    const single = confidenceOf([praise('bob', 0)], NOW);
    expect(single.level).toBe('not-enough');
    expect(single.reason).toBe('1 piece from 1 person in 1 place, the latest on the last day of the period. One piece is an example, not a pattern; look for more.');
    const oneVoice = confidenceOf([praise('bob', 1), praise('bob', 9, 'eng'), praise('bob', 30), praise('bob', 50)], NOW);
    expect(oneVoice.level).toBe('not-enough');
    expect(oneVoice.reason).toContain('All of it comes from one person');
  });
});
