import { describe, expect, it } from 'vitest';
import {
  CUE_THRESHOLDS,
  evidenceItemSchema,
  periodRange,
  personCues,
  personSignals,
  teamSignals,
  unsureLeftOut,
  type PersonSignals,
  type WeekBucket,
} from '../../lib/signals';
import { receivedBy } from '../../lib/notes/evidence';
import { DAY, NOW, item, person } from './fixtures';

const FOUR_WEEKS = { from: NOW - 28 * DAY, to: NOW, now: NOW };

function aliceItems() {
  return [
    item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 1, channel: 'eng' }),
    item({ label: 'recognition', author: 'carol', subjects: ['alice', 'erin'], daysAgo: 3, channel: 'design' }),
    item({ label: 'recognition', author: 'dan', subjects: ['alice'], daysAgo: 10, channel: 'eng' }),
    item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 20, channel: 'general' }),
    item({ label: 'recognition', author: 'erin', subjects: ['alice'], daysAgo: 40, channel: 'eng' }),
    item({ label: 'recognition', author: 'frank', subjects: ['alice'], daysAgo: 2, channel: 'random', dismissed: true }),
    item({ label: 'recognition', author: 'alice', subjects: ['bob'], daysAgo: 5 }),
    item({ label: 'constructive', author: 'bob', subjects: ['alice'], daysAgo: 6 }),
    item({ label: 'coaching', author: 'carol', subjects: ['alice'], daysAgo: 15 }),
    item({ label: 'request', author: 'alice', daysAgo: 0.5 }),
    item({ label: 'request', author: 'alice', subjects: ['bob'], daysAgo: 2 }),
    item({ label: 'request', author: 'alice', daysAgo: 30 }),
    item({ label: 'request', author: 'bob', subjects: ['alice'], daysAgo: 1 }),
    item({ label: 'other', author: 'bob', subjects: ['alice'], daysAgo: 1 }),
    item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: -1 }),
  ];
}

const week = (over: Partial<WeekBucket>): Omit<WeekBucket, 'start' | 'end'> => ({
  recognition: 0,
  requests: 0,
  all: 0,
  ...over,
});
const series = (s: PersonSignals) => s.weekly.map(({ recognition, requests, all }) => ({ recognition, requests, all }));

describe('personSignals', () => {
  it('counts received, given and authored signals inside the window, ignoring dismissed and "other"', () => {
    const s = personSignals('alice', aliceItems(), FOUR_WEEKS);
    expect(s).toMatchObject({
      personId: 'alice',
      recognitionReceived: 4,
      recognitionGiven: 1,
      constructive: 1,
      coaching: 1,
      requests: 2,
      recognitionFrom: ['bob', 'carol', 'dan'],
      recognitionChannels: ['design', 'eng', 'general'],
      lastSignalAt: NOW - 0.5 * DAY,
    });
  });

  it('builds a 12-week series, newest week last, with a message exactly 7 days old in the week before', () => {
    const items = [...aliceItems(), item({ label: 'recognition', author: 'dan', subjects: ['alice'], daysAgo: 7 })];
    const s = personSignals('alice', items, FOUR_WEEKS);
    const expected = Array.from({ length: 12 }, () => week({}));
    expected[11] = week({ recognition: 2, requests: 2, all: 6 });
    expected[10] = week({ recognition: 2, all: 2 });
    expected[9] = week({ recognition: 1, all: 2 });
    expected[7] = week({ requests: 1, all: 1 });
    expected[6] = week({ recognition: 1, all: 1 });
    expect(series(s)).toEqual(expected);
    expect(s.weekly[11].end).toBe(NOW);
    expect(s.weekly[0].start).toBe(NOW - 12 * 7 * DAY);
  });

  it('does not count a reply in one\'s own thread as recognition received', () => {
    const own = item({ label: 'recognition', author: 'alice', subjects: ['alice'], daysAgo: 1 });
    const s = personSignals('alice', [own], FOUR_WEEKS);
    expect(s.recognitionReceived).toBe(0);
    expect(s.recognitionGiven).toBe(1);
    expect(s.recognitionFrom).toEqual([]);
  });

  it("counts the manager's Recognition tag on someone's own message as recognition they received, not gave", () => {
    const tagged = { ...item({ label: 'recognition', author: 'alice', subjects: ['alice'], daysAgo: 1 }), source: 'manager' as const };
    const toBob = { ...item({ label: 'recognition', author: 'alice', subjects: ['alice', 'bob'], daysAgo: 2 }), source: 'manager' as const };
    const s = personSignals('alice', [tagged, toBob], FOUR_WEEKS);
    expect([s.recognitionReceived, s.recognitionGiven, s.recognitionFrom]).toEqual([2, 1, []]);
    expect(receivedBy(tagged, 'alice', 'recognition')).toBe(true);
  });

  it('reports no last signal when nothing involves the person', () => {
    const s = personSignals('zed', aliceItems(), FOUR_WEEKS);
    expect(s.lastSignalAt).toBeNull();
    expect(s.recognitionReceived + s.requests + s.recognitionGiven).toBe(0);
  });
});

describe('personCues', () => {
  it('calls out a rise, breadth of sources, and nothing else, for the example person', () => {
    const s = personSignals('alice', aliceItems(), FOUR_WEEKS);
    expect(personCues(s, NOW)).toEqual([
      { id: 'recognition-up', tone: 'positive', text: 'Recognition up 4× vs the previous 4 weeks' },
      { id: 'breadth', tone: 'positive', text: 'Recognition from 3 people in 3 channels' },
    ]);
  });

  function signalsWith(over: {
    recognitionByWeek?: number[];
    requestsThisWeek?: number;
    lastSignalDaysAgo?: number | null;
    from?: string[];
    channels?: string[];
    given?: number;
  }): PersonSignals {
    const base = personSignals('p', [], FOUR_WEEKS);
    const byWeek = over.recognitionByWeek ?? [];
    base.weekly.forEach((w, i) => {
      w.recognition = byWeek[i - (12 - byWeek.length)] ?? 0;
    });
    base.weekly[11].requests = over.requestsThisWeek ?? 0;
    base.lastSignalAt = over.lastSignalDaysAgo === null ? null : NOW - (over.lastSignalDaysAgo ?? 0) * DAY;
    base.recognitionFrom = over.from ?? [];
    base.recognitionChannels = over.channels ?? [];
    base.recognitionGiven = over.given ?? 0;
    return base;
  }
  const ids = (s: PersonSignals) => personCues(s, NOW).map((c) => c.text);

  it('needs at least 3 recent recognitions and a doubling to call a rise', () => {
    expect(ids(signalsWith({ recognitionByWeek: [1, 0, 0, 0, 1, 1, 1, 0] }))).toEqual([
      'Recognition up 3× vs the previous 4 weeks',
    ]);
    expect(ids(signalsWith({ recognitionByWeek: [2, 0, 0, 0, 2, 1, 1, 1] }))).toEqual([
      'Recognition up 2.5× vs the previous 4 weeks',
    ]);
    expect(ids(signalsWith({ recognitionByWeek: [2, 0, 0, 0, 1, 1, 1, 0] }))).toEqual([]);
    expect(ids(signalsWith({ recognitionByWeek: [0, 0, 0, 0, 1, 1, 0, 0] }))).toEqual([]);
    expect(ids(signalsWith({ recognitionByWeek: [0, 0, 0, 0, 1, 1, 1, 0] }))).toEqual([
      '3 recognitions in the last 4 weeks, none in the 4 before',
    ]);
  });

  it('calls a fall when the last 4 weeks hold half or less of the 4 before (at least 3)', () => {
    expect(personCues(signalsWith({ recognitionByWeek: [2, 2, 0, 0, 1, 1, 0, 0] }), NOW)).toEqual([
      { id: 'recognition-down', tone: 'attention', text: 'Recognition down from 4 to 2 vs the previous 4 weeks' },
    ]);
    expect(ids(signalsWith({ recognitionByWeek: [2, 2, 0, 0, 1, 1, 1, 0] }))).toEqual([]);
    expect(ids(signalsWith({ recognitionByWeek: [1, 1, 0, 0, 0, 0, 0, 0] }))).toEqual([]);
  });

  it('flags asks or blockers from 3 in the newest week', () => {
    expect(CUE_THRESHOLDS.blockersThisWeek).toBe(3);
    expect(ids(signalsWith({ requestsThisWeek: 4 }))).toEqual(['4 asks or blockers this week']);
    expect(ids(signalsWith({ requestsThisWeek: 3 }))).toEqual(['3 asks or blockers this week']);
    expect(ids(signalsWith({ requestsThisWeek: 2 }))).toEqual([]);
  });

  it('flags silence from 21 days and says so plainly when there has never been a signal', () => {
    expect(ids(signalsWith({ lastSignalDaysAgo: 21 }))).toEqual(['No signals in 21 days']);
    expect(ids(signalsWith({ lastSignalDaysAgo: 20.9 }))).toEqual([]);
    expect(personCues(signalsWith({ lastSignalDaysAgo: null }), NOW)).toEqual([
      { id: 'silent', tone: 'neutral', text: 'No signals captured yet' },
    ]);
  });

  it('notes breadth from 3 people in 2 channels, and generosity from 3 given', () => {
    expect(ids(signalsWith({ from: ['a', 'b', 'c'], channels: ['x', 'y'] }))).toEqual([
      'Recognition from 3 people in 2 channels',
    ]);
    expect(ids(signalsWith({ from: ['a', 'b'], channels: ['x', 'y', 'z'] }))).toEqual([]);
    expect(ids(signalsWith({ from: ['a', 'b', 'c'], channels: ['x'] }))).toEqual([]);
    expect(ids(signalsWith({ given: 3 }))).toEqual(['Recognized others 3 times']);
    expect(ids(signalsWith({ given: 2 }))).toEqual([]);
  });
});

describe('teamSignals', () => {
  it('gives one row per person in order, counting an item for its author and its subjects', () => {
    const items = aliceItems();
    const rows = teamSignals([person('bob', 'Bob'), person('alice', 'Alice')], items, FOUR_WEEKS);
    expect(rows.map((r) => r.person.id)).toEqual(['bob', 'alice']);
    expect(rows[1].signals).toEqual(personSignals('alice', items, FOUR_WEEKS));
    expect(rows[0].signals).toMatchObject({ recognitionReceived: 1, recognitionGiven: 2 });
    expect(rows[1].cues.map((c) => c.id)).toEqual(['recognition-up', 'breadth']);
  });
});

describe('periodRange', () => {
  it('rolls weeks back from now', () => {
    expect(periodRange('4w', NOW)).toEqual({ from: NOW - 28 * DAY, to: NOW });
    expect(periodRange('12w', NOW)).toEqual({ from: NOW - 84 * DAY, to: NOW });
  });

  it('starts quarter and year at local calendar boundaries', () => {
    const now = new Date(2025, 4, 20, 15).getTime();
    expect(periodRange('quarter', now)).toEqual({ from: new Date(2025, 3, 1).getTime(), to: now });
    expect(periodRange('year', now)).toEqual({ from: new Date(2025, 0, 1).getTime(), to: now });
    const december = new Date(2025, 11, 31).getTime();
    expect(periodRange('quarter', december).from).toBe(new Date(2025, 9, 1).getTime());
  });
});

describe('evidenceItemSchema', () => {
  it('accepts a well-formed item and rejects an unknown label', () => {
    const good = item({ label: 'coaching', author: 'bob', subjects: ['alice'], daysAgo: 1 });
    expect(evidenceItemSchema.parse(good)).toEqual(good);
    expect(evidenceItemSchema.safeParse({ ...good, label: 'praise' }).success).toBe(false);
  });
});

describe('unsureLeftOut', () => {
  it("counts the unsure labels about or from a view's people in its period, not dismissed ones", () => {
    const unsure = (spec: Parameters<typeof item>[0]) => ({ ...item(spec), unsure: true });
    const items = [
      unsure({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 1 }),
      unsure({ label: 'request', author: 'alice', daysAgo: 2 }),
      unsure({ label: 'coaching', author: 'carol', subjects: ['dan'], daysAgo: 3 }),
      unsure({ label: 'request', author: 'alice', daysAgo: 40 }),
      { ...unsure({ label: 'request', author: 'alice', daysAgo: 4 }), dismissed: true },
      item({ label: 'request', author: 'alice', daysAgo: 5 }),
    ];
    expect(unsureLeftOut(items, ['alice'], NOW - 28 * DAY, NOW)).toBe(2);
    expect(unsureLeftOut(items, ['alice', 'dan'], NOW - 28 * DAY, NOW)).toBe(3);
    expect(unsureLeftOut(items, ['alice'], NOW - 400 * DAY, NOW)).toBe(3);
    expect(unsureLeftOut(items, [], NOW - 400 * DAY, NOW)).toBe(0);
  });
});
