import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeTransformersEncoder } from '../../lib/classify/node-source';
import { DEFAULT_RUBRIC, competenciesFor, mapEvidenceToCompetencies, type MappedEvidence } from '../../lib/rubric';
import { NEXT_LEVEL_THRESHOLDS as T, assessNextLevel, competenciesToCompare } from '../../lib/notes';
import type { EvidenceItem } from '../../lib/signals';
import { DAY_MS, personItems } from '../../lib/signals';
import { item, person, NOW } from '../signals/fixtures';
import { SEED_NOW, seededItems, seededPeople } from './seededEvidence';

const alice = person('alice', 'Alice Chen', { level: 3 });
const window = { from: NOW - 120 * DAY_MS, to: NOW, now: NOW };
const next = competenciesFor(DEFAULT_RUBRIC, 'ic', 4);
const current = competenciesFor(DEFAULT_RUBRIC, 'ic', 3);

/** Recognition for Alice whose best match is the given competency (index into the level's list). */
function praise(author: string, daysAgo: number, competency: number, level: 'next' | 'current' = 'next', score = 0.5): MappedEvidence {
  const c = (level === 'next' ? next : current)[competency];
  return {
    item: item({ label: 'recognition', author, subjects: ['alice'], daysAgo }),
    matches: [{ competency: c, behaviour: c.behaviours[0], similarity: score, score: 0.9, method: 'head' }],
  };
}

const assess = (mapped: MappedEvidence[], items: EvidenceItem[] = mapped.map((m) => m.item)) =>
  assessNextLevel(alice, DEFAULT_RUBRIC, mapped, items, window);

describe('next-level verdict', () => {
  const broad = [praise('bob', 1, 0), praise('carol', 30, 1), praise('dan', 1 + T.minSpanDays, 2)];

  it('is "operating at the next level" when broad, sustained and from several sources', () => {
    const result = assess(broad);
    expect(result.verdict).toBe('next-level');
    expect(result.verdictText).toBe(
      'Operating at the next level (Senior Software Engineer): evidence in 3 competencies (need 3), over 60 days (need 60), from 3 sources (need 3).',
    );
    expect(result.nextLevelCount).toBe(3);
    expect(result.nextLevelShare).toBe(1);
    expect(result.competencies.map((c) => c.competency.id).sort()).toEqual(next.slice(0, 3).map((c) => c.id).sort());
    expect(result.competencies[0].evidence[0].citation.kind).toBe('message');
  });

  it('is not yet when any one of breadth, time span or sources falls short', () => {
    expect(assess([broad[0], broad[1], praise('dan', T.minSpanDays, 2)]).verdict).toBe('not-yet');
    expect(assess([broad[0], broad[1], praise('dan', 1 + T.minSpanDays, 1)]).verdict).toBe('not-yet');
    expect(assess([broad[0], broad[1], praise('bob', 1 + T.minSpanDays, 2)]).verdict).toBe('not-yet');
    expect(assess([broad[0], broad[1], praise('bob', 1 + T.minSpanDays, 2)]).verdictText).toContain('from 2 sources (need 3)');
  });

  it('ignores weak next-level matches and evidence that reads like the current level', () => {
    const weak = [broad[0], broad[1], praise('dan', 1 + T.minSpanDays, 2, 'next', T.minMatchScore - 0.01)];
    expect(assess(weak).nextLevelCount).toBe(2);
    const currentLevel = [praise('bob', 1, 0, 'current'), praise('carol', 2, 1, 'current')];
    const result = assess([...currentLevel, broad[2]]);
    expect(result.nextLevelCount).toBe(1);
    expect(result.evidenceCount).toBe(3);
    expect(result.currentCoverage).toEqual({ covered: 2, total: current.length });
  });

  it('has nothing above the top level', () => {
    const top = DEFAULT_RUBRIC.tracks.ic.levels.length;
    const result = assessNextLevel({ ...alice, level: top }, DEFAULT_RUBRIC, [], [], window);
    expect(result.verdict).toBe('top-of-track');
    expect(result.nextLevel).toBeNull();
  });
});

describe('may-need-support cues', () => {
  const ask = (daysAgo: number) => item({ label: 'request', author: 'alice', daysAgo, text: `Blocked on thing ${daysAgo}` });
  const cueIds = (items: EvidenceItem[]) => assess([], items).supportCues.map((c) => c.id);

  it('flags rising blockers: at least 3 in the last 4 weeks and more than the 4 before', () => {
    const result = assess([], [ask(1), ask(5), ask(20), ask(40)]);
    const cue = result.supportCues.find((c) => c.id === 'rising-blockers')!;
    expect(cue.text).toBe('Raised 3 asks or blockers in the last 4 weeks, up from 1 in the 4 weeks before.');
    expect(cue.citations).toHaveLength(3);
    expect(cueIds([ask(1), ask(5), ask(20), ask(30), ask(40), ask(50)])).not.toContain('rising-blockers');
    expect(cueIds([ask(1), ask(5)])).not.toContain('rising-blockers');
  });

  it('flags constructive feedback without recognition', () => {
    const feedback = [1, 2].map((d) => item({ label: 'constructive', author: 'bob', subjects: ['alice'], daysAgo: d }));
    const result = assess([], feedback);
    expect(result.supportCues.find((c) => c.id === 'feedback-without-recognition')!.text).toBe(
      'Received 2 pieces of constructive feedback and no recognition in this period.',
    );
    expect(cueIds([...feedback, item({ label: 'recognition', author: 'carol', subjects: ['alice'], daysAgo: 3 })])).not.toContain(
      'feedback-without-recognition',
    );
    expect(cueIds(feedback.slice(0, 1))).not.toContain('feedback-without-recognition');
  });

  it('flags silence from 21 days without a signal', () => {
    expect(assess([], [ask(T.silentDays)]).supportCues.find((c) => c.id === 'silence')!.text).toBe('No signals about or from them in the last 21 days.');
    expect(cueIds([ask(T.silentDays - 1)])).not.toContain('silence');
    expect(cueIds([])).toContain('silence');
  });
});

describe('assessNextLevel on the seeded workspace (USE lite)', () => {
  let encoder: Awaited<ReturnType<typeof createNodeTransformersEncoder>>;
  beforeAll(async () => {
    encoder = await createNodeTransformersEncoder();
  });

  it('gives every report a verdict that agrees with its own numbers, citing next-level evidence', async () => {
    const seedWindow = { from: SEED_NOW - 84 * DAY_MS, to: SEED_NOW, now: SEED_NOW };
    for (const report of seededPeople.filter((p) => p.isReport)) {
      const items = personItems(report.id, seededItems);
      const mapped = await mapEvidenceToCompetencies(items, competenciesToCompare(DEFAULT_RUBRIC, report), (t) => encoder.embed(t));
      const result = assessNextLevel(report, DEFAULT_RUBRIC, mapped, items, seedWindow);
      const received = items.filter(
        (i) => i.label === 'recognition' && i.subjects.includes(report.id) && i.message.authorId !== report.id && i.message.sentAt >= seedWindow.from,
      );
      expect(result.evidenceCount).toBe(received.length);
      expect(result.nextLevelCount).toBe(result.competencies.reduce((n, c) => n + c.evidence.length, 0));
      const meets = result.competencies.length >= T.minCompetencies && result.spanDays >= T.minSpanDays && result.sources >= T.minSources;
      expect(result.verdict).toBe(result.nextLevel === null ? 'top-of-track' : meets ? 'next-level' : 'not-yet');
      for (const c of result.competencies) {
        expect(c.competency.level).toBe(report.level + 1);
        for (const e of c.evidence) {
          expect(e.score).toBeGreaterThanOrEqual(T.minMatchScore);
          const citation = e.citation;
          expect(citation.kind === 'message' && received.some((r) => r.key === citation.key && r.message.permalink === citation.href)).toBe(true);
        }
      }
    }
  });
});
