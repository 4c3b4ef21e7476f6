import { describe, expect, it } from 'vitest';
import { recurringThemes, suggestReportsFromMessages } from '../../lib/signals';
import { item } from './fixtures';

describe('recurringThemes', () => {
  const first = item({
    label: 'recognition',
    author: 'carol',
    subjects: ['bob'],
    daysAgo: 10,
    text: 'Thanks @BOB for the code review on the billing migration! https://example.com/pr/12 :tada:',
  });
  const second = item({
    label: 'recognition',
    author: 'dan',
    daysAgo: 5,
    text: 'Huge thanks for the careful code review and the billing migration plan',
  });
  const third = item({ label: 'recognition', author: 'erin', daysAgo: 1, text: 'Great code review, caught a nasty bug' });
  const noise = [
    item({ label: 'constructive', author: 'erin', daysAgo: 1, text: 'code review code review nasty bug' }),
    item({ label: 'recognition', author: 'erin', daysAgo: 1, text: 'nasty bug billing', dismissed: true }),
  ];

  it('finds recurring phrases in recognition, newest examples first, without the words they cover', () => {
    expect(recurringThemes([first, second, third, ...noise])).toEqual([
      { theme: 'code review', count: 3, exampleKeys: [third.key, second.key, first.key] },
      { theme: 'billing migration', count: 2, exampleKeys: [second.key, first.key] },
    ]);
  });

  it('honours limit, minCount and examples', () => {
    expect(recurringThemes([first, second, third], { limit: 1, examples: 1 })).toEqual([
      { theme: 'code review', count: 3, exampleKeys: [third.key] },
    ]);
    const loose = recurringThemes([first, second, third], { minCount: 1, limit: 50 }).map((t) => t.theme);
    expect(loose).toContain('nasty bug');
    expect(loose).not.toContain('bob');
    expect(loose).not.toContain('tada');
    expect(loose.some((t) => t.includes('example.com'))).toBe(false);
  });

  it('returns nothing when no phrase recurs', () => {
    expect(recurringThemes([third])).toEqual([]);
  });
});

describe('suggestReportsFromMessages', () => {
  const msg = (author: string, channelId: string, mentionIds: string[] = []) => {
    const { message } = item({ label: 'other', author, subjects: mentionIds, daysAgo: 1 });
    return { ...message, channelId };
  };
  const messages = [
    msg('alice', 'D1'),
    msg('alice', 'D1'),
    msg('me', 'D1'),
    msg('me', 'D1'),
    msg('bob', 'D2'),
    msg('me', 'C1', ['bob']),
    msg('me', 'C1', ['bob', 'bob']),
    msg('me', 'C2', ['bob', 'me']),
    ...Array.from({ length: 6 }, () => msg('carol', 'C1', ['me'])),
    msg('dan', 'C1', ['bob']),
  ];

  it('ranks DM partners (2 points a message) and mentions either way (1 point), above the minimum score', () => {
    expect(suggestReportsFromMessages('me', messages)).toEqual([
      { personId: 'alice', name: 'ALICE', directMessages: 4, mentions: 0, score: 8 },
      { personId: 'carol', name: 'CAROL', directMessages: 0, mentions: 6, score: 6 },
    ]);
  });

  it('lists lower scores when asked, never the manager', () => {
    const all = suggestReportsFromMessages('me', messages, { minScore: 0 });
    expect(all.map((s) => [s.personId, s.score])).toEqual([
      ['alice', 8],
      ['carol', 6],
      ['bob', 5],
    ]);
    expect(suggestReportsFromMessages('me', messages, { minScore: 0, limit: 1 })).toHaveLength(1);
  });
});
