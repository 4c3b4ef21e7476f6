import { describe, expect, it } from 'vitest';
import { buildOneOnOnePrep, followUpsFromNotes, lastOneOnOneFromDate, oneOnOneToMarkdown, PREP_DEFAULTS, type PrepSectionId } from '../../lib/notes';
import { DAY_MS } from '../../lib/signals';
import { sentAtFromTs, type Note } from '../../lib/store/schema';
import { item, person, NOW } from '../signals/fixtures';
import { SEED_NOW, seededItems, seededPerson, workspace } from './seededEvidence';

const priya = { ...seededPerson('Priya'), lastOneOnOne: SEED_NOW - 28 * DAY_MS };
const section = (prep: ReturnType<typeof buildOneOnOnePrep>, id: PrepSectionId) => prep.sections.find((s) => s.id === id)!;
const citedKeys = (prep: ReturnType<typeof buildOneOnOnePrep>, id: PrepSectionId) =>
  section(prep, id).items.flatMap((i) => i.citations.map((c) => (c.kind === 'message' ? c.key : c.noteId))).sort();

/** Ground truth straight from the seed file, independent of the generator's own filters. */
function seedKeys(predicate: (m: (typeof workspace.messages)[number]) => boolean, since: number): string[] {
  return workspace.messages
    .filter((m) => sentAtFromTs(m.ts) >= since && sentAtFromTs(m.ts) <= SEED_NOW && predicate(m))
    .map((m) => `${workspace.team.id}/${m.channelId}/${m.ts}`)
    .sort();
}

const note = (id: string, personId: string, body: string, daysAgo: number): Note => ({
  id,
  personId,
  kind: 'one-on-one',
  body,
  createdAt: SEED_NOW - daysAgo * DAY_MS,
  updatedAt: SEED_NOW - daysAgo * DAY_MS,
});

describe('buildOneOnOnePrep on the seeded workspace', () => {
  const prep = buildOneOnOnePrep(priya, seededItems, [], { now: SEED_NOW });
  const since = priya.lastOneOnOne;

  it('celebrates exactly the recognition others gave since the last 1:1', () => {
    const expected = seedKeys((m) => m.label === 'recognition' && m.subjects.includes(priya.id) && m.authorId !== priya.id, since);
    expect(expected.length).toBeGreaterThan(0);
    expect(citedKeys(prep, 'celebrate')).toEqual(expected);
  });

  it('lists constructive feedback and coaching to discuss, and the asks she raised', () => {
    expect(citedKeys(prep, 'feedback')).toEqual(
      seedKeys((m) => (m.label === 'constructive' || m.label === 'coaching') && m.subjects.includes(priya.id) && m.authorId !== priya.id, since),
    );
    expect(citedKeys(prep, 'blockers')).toEqual(seedKeys((m) => m.label === 'request' && m.authorId === priya.id, since));
  });

  it('cites every piece of evidence with its key and Slack permalink, quoting the message', () => {
    for (const s of prep.sections.filter((x) => x.id !== 'questions' && x.id !== 'follow-ups')) {
      for (const entry of s.items) {
        const [citation] = entry.citations;
        expect(citation.kind).toBe('message');
        if (citation.kind !== 'message') continue;
        const source = seededItems.find((i) => i.key === citation.key)!;
        expect(citation.href).toBe(source.message.permalink);
        expect(citation.href).toMatch(/^https:\/\/northwind\.slack\.com\/archives\/[CDG]\w+\/p\d{16}$/);
        const quote = /“(.+)”/.exec(entry.text)![1].replace(/…$/, '');
        expect(source.message.text).toContain(quote);
      }
    }
  });

  it('looks back 14 days when no 1:1 is on record, and says so', () => {
    const fresh = buildOneOnOnePrep({ ...priya, lastOneOnOne: null }, seededItems, [], { now: SEED_NOW });
    expect(fresh.since).toBe(SEED_NOW - PREP_DEFAULTS.lookbackDays * DAY_MS);
    expect(fresh.sections.find((s) => s.id === 'blockers')!.emptyText).toBe('No asks or blockers raised in the last 14 days.');
    expect(buildOneOnOnePrep(priya, [], [], { now: SEED_NOW }).sections.find((s) => s.id === 'blockers')!.emptyText).toBe(
      'No asks or blockers raised since the last 1:1.',
    );
    expect(citedKeys(fresh, 'celebrate')).toEqual(
      seedKeys((m) => m.label === 'recognition' && m.subjects.includes(priya.id) && m.authorId !== priya.id, fresh.since),
    );
  });

  it('suggests a question per blocker, citing it', () => {
    const blockers = section(prep, 'blockers').items;
    const questions = section(prep, 'questions').items;
    expect(blockers.length).toBeGreaterThan(0);
    const blockerKeys = blockers.slice(0, PREP_DEFAULTS.blockerQuestions).map((b) => (b.citations[0].kind === 'message' ? b.citations[0].key : ''));
    const askedKeys = questions.filter((q) => q.text.startsWith('Is this still blocking you')).map((q) => (q.citations[0].kind === 'message' ? q.citations[0].key : ''));
    expect(askedKeys).toEqual(blockerKeys);
    expect(questions.length).toBeLessThanOrEqual(PREP_DEFAULTS.maxQuestions);
  });
});

describe('lastOneOnOneFromDate (the date field of the 1:1 prep)', () => {
  const now = Date.parse('2026-12-03T17:00:00Z');

  it('reads a date as the start of that day in UTC, the calendar the prep writes its dates in', () => {
    expect(lastOneOnOneFromDate('2026-11-01', now)).toEqual({ ok: true, lastOneOnOne: Date.parse('2026-11-01T00:00:00Z') });
    expect(lastOneOnOneFromDate('2026-12-03', now)).toEqual({ ok: true, lastOneOnOne: Date.parse('2026-12-03T00:00:00Z') });
  });

  it('reads an empty field as no 1:1 on record', () => {
    expect(lastOneOnOneFromDate('', now)).toEqual({ ok: true, lastOneOnOne: null });
  });

  it('refuses what is not a date, and a day after today, with a message', () => {
    expect(lastOneOnOneFromDate('2026-13-45', now)).toEqual({ ok: false, problem: '2026-13-45 is not a date.' });
    expect(lastOneOnOneFromDate('yesterday', now)).toEqual({ ok: false, problem: 'yesterday is not a date.' });
    expect(lastOneOnOneFromDate('2026-12-04', now)).toEqual({ ok: false, problem: 'The last 1:1 cannot be after today.' });
  });
});

describe('suggested questions', () => {
  const alice = person('alice', 'Alice Chen');

  it('asks about silence after 21 days without signals, and about pride when nothing recognised her', () => {
    const old = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 25 });
    const prep = buildOneOnOnePrep(alice, [old], [], { now: NOW });
    const texts = section(prep, 'questions').items.map((q) => q.text);
    expect(texts.some((t) => t.includes('in 25 days'))).toBe(true);
    expect(texts).toContain('Nothing in Slack recognized your work in the last 14 days. What are you proud of that I may have missed?');
  });

  it('does not call 20 quiet days silence', () => {
    const recent = item({ label: 'request', author: 'alice', daysAgo: 20, text: 'Blocked on the staging deploy.' });
    const texts = section(buildOneOnOnePrep(alice, [recent], [], { now: NOW }), 'questions').items.map((q) => q.text);
    expect(texts.some((t) => t.includes('How are things going'))).toBe(false);
  });

  it('asks about growth advice and a pattern of many asks', () => {
    const asks = [1, 2, 3].map((d) => item({ label: 'request', author: 'alice', daysAgo: d, text: `Stuck on the flaky test number ${d}.` }));
    const coaching = item({ label: 'coaching', author: 'carol', subjects: ['alice'], daysAgo: 1, text: 'Alice, try to write the summary first. It helps.' });
    const questions = section(buildOneOnOnePrep(alice, [...asks, coaching], [], { now: NOW }), 'questions').items;
    const pattern = questions.find((q) => q.id === 'question-blockers-pattern')!;
    expect(pattern.text).toContain('You raised 3 asks');
    expect(pattern.citations).toHaveLength(3);
    expect(questions.find((q) => q.id.startsWith('question-growth'))!.text).toContain('“Alice, try to write the summary first. It helps.”');
  });
});

describe('follow-ups from notes', () => {
  const notes = [
    note('n1', priya.id, '# 1:1\n- [ ] Ask about the on-call rotation\nTODO: share the promo doc\nfollow up with design on the nav\nJust a plain line\n- [ ] Book the offsite', 20),
    note('n2', priya.id, '- [x] Book the offsite\n* action item: review her design doc\nNext time: start with wins', 5),
    note('n3', 'someone-else', '- [ ] Not hers', 3),
  ];

  it('collects open items from her notes, newest first, and drops ones ticked off later', () => {
    const items = followUpsFromNotes(notes, priya.id, SEED_NOW);
    expect(items.map((i) => i.text)).toEqual([
      'action item: review her design doc',
      'Next time: start with wins',
      'Ask about the on-call rotation',
      'share the promo doc',
      'follow up with design on the nav',
    ]);
    expect(items[0].citations).toEqual([{ kind: 'note', noteId: 'n2', at: notes[1].createdAt }]);
  });

  it('appear in the prep', () => {
    const prep = buildOneOnOnePrep(priya, seededItems, notes, { now: SEED_NOW });
    expect(section(prep, 'follow-ups').items).toHaveLength(5);
  });
});

describe('oneOnOneToMarkdown', () => {
  it('writes every section with linked citations and inert message text', () => {
    const alice = person('alice', 'Alice Chen');
    const evil = item({
      label: 'recognition',
      author: 'bob',
      subjects: ['alice'],
      daysAgo: 1,
      text: 'Great work Alice <img src=x onerror=alert(1)> [link](javascript:alert(1))',
    });
    const markdown = oneOnOneToMarkdown(buildOneOnOnePrep(alice, [evil], [note('n9', 'alice', '- [ ] Check in on <b>load</b>', 2)], { now: NOW }));
    expect(markdown).toContain('# 1:1 prep: Alice Chen');
    for (const title of ['What to celebrate', 'Feedback to discuss', 'Blockers to clear', 'Follow-ups from your notes', 'Suggested questions']) {
      expect(markdown).toContain(`## ${title}`);
    }
    expect(markdown).toContain(`](${evil.message.permalink})`);
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('<b>');
    expect(markdown).not.toContain('](javascript');
    expect(markdown).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(markdown).toContain('\\[link\\]\\(javascript:alert\\(1\\)\\)');
    expect(markdown).toContain('_No asks or blockers raised in the last 14 days\\._');
  });
});
