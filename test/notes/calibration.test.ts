import { describe, expect, it } from 'vitest';
import { CALIBRATION_LABELS, CALIBRATION_THRESHOLDS as T, buildCalibration, type NextLevelAssessment } from '../../lib/notes';
import { DAY_MS } from '../../lib/signals';
import { sentAtFromTs } from '../../lib/store/schema';
import { item, person, NOW } from '../signals/fixtures';
import { SEED_NOW, seededItems, seededPeople, workspace } from './seededEvidence';

const alice = person('alice', 'Alice Chen');
const period = { from: NOW - 84 * DAY_MS, to: NOW };
const praiseFrom = (author: string, daysAgo: number) => item({ label: 'recognition', author, subjects: ['alice'], daysAgo });
const cuesOf = (items: ReturnType<typeof item>[], assessments: NextLevelAssessment[] = []) =>
  buildCalibration([alice], items, period, assessments).cues.map((c) => c.kind);

function assessment(overrides: Partial<NextLevelAssessment>): NextLevelAssessment {
  return {
    personId: 'alice', track: 'ic', level: 3, nextLevel: 4, nextTitle: 'Senior Software Engineer', evidenceCount: 6, nextLevelCount: 0,
    nextLevelShare: 0, competencies: [], currentCoverage: { covered: 4, total: 6 }, spanDays: 0, sources: 0, verdict: 'not-yet',
    verdictText: '', supportCues: [], ...overrides,
  };
}

describe('buildCalibration on the seeded workspace', () => {
  const reports = seededPeople.filter((p) => p.isReport);
  const seedPeriod = { from: SEED_NOW - 84 * DAY_MS, to: SEED_NOW };
  const calibration = buildCalibration(reports, seededItems, seedPeriod);

  it('counts each report\'s evidence per label as the ground truth says', () => {
    expect(calibration.rows.map((r) => r.person.id)).toEqual(reports.map((p) => p.id));
    for (const row of calibration.rows) {
      const id = row.person.id;
      const truth = workspace.messages.filter((m) => sentAtFromTs(m.ts) >= seedPeriod.from);
      for (const label of CALIBRATION_LABELS) {
        const expected = truth.filter((m) =>
          m.label !== label ? false : label === 'request' ? m.authorId === id : m.subjects.includes(id) && m.authorId !== id,
        ).length;
        expect(row.counts[label], `${row.person.name} ${label}`).toBe(expected);
      }
      expect(row.total).toBe(CALIBRATION_LABELS.reduce((n, l) => n + row.counts[l], 0));
    }
  });

  it('explains every cue in one sentence about a listed report', () => {
    for (const cue of calibration.cues) {
      expect(reports.some((p) => p.id === cue.personId)).toBe(true);
      expect(cue.text).toMatch(/^[^.]+\.$/);
    }
    const thin = calibration.rows.filter((r) => r.total < T.thinEvidence).map((r) => r.person.id);
    expect(calibration.cues.filter((c) => c.kind === 'thin').map((c) => c.personId)).toEqual(thin);
  });
});

describe('calibration cues', () => {
  const spread = (authors: string[], days: number[]) => days.map((d, i) => praiseFrom(authors[i % authors.length], d));

  it('flags thin evidence below 5 pieces', () => {
    expect(cuesOf(spread(['b', 'c', 'd'], [1, 30, 60, 80]))).toEqual(['thin']);
    expect(cuesOf(spread(['b', 'c', 'd'], [1, 30, 60, 80, 50]))).toEqual([]);
  });

  it('flags recency when more than 60% of the evidence is from the last 21 days', () => {
    expect(cuesOf(spread(['b', 'c', 'd'], [1, 2, 20, 50, 70]))).toEqual([]);
    const recent = buildCalibration([alice], spread(['b', 'c', 'd'], [1, 2, 3, 20, 70]), period).cues;
    expect(recent.map((c) => c.kind)).toEqual(['recency']);
    expect(recent[0].text).toBe("80% of Alice's evidence is from the last 21 days of the period, so earlier work may be under-weighted.");
  });

  it('flags a single source when one person gave more than half of the recognition', () => {
    const mostlyBob = spread(['bob', 'bob', 'bob', 'c', 'd'], [1, 30, 50, 60, 80]);
    const cues = buildCalibration([alice], mostlyBob, period).cues;
    expect(cues.map((c) => c.kind)).toEqual(['single-source']);
    expect(cues[0].text).toBe("60% of Alice's recognition comes from BOB, so it reflects one person's view.");
    expect(cuesOf(spread(['bob', 'c', 'bob', 'd', 'e'], [1, 30, 50, 60, 80]))).toEqual([]);
  });

  it('flags level mismatches from the next-level assessment', () => {
    const enough = spread(['b', 'c', 'd'], [1, 30, 50, 60, 80]);
    expect(cuesOf(enough, [assessment({ nextLevelShare: 0.5, nextLevelCount: 3 })])).toEqual(['above-level']);
    expect(cuesOf(enough, [assessment({ nextLevelShare: 0.5, nextLevelCount: 2 })])).toEqual([]);
    expect(cuesOf(enough, [assessment({ currentCoverage: { covered: 1, total: 6 } })])).toEqual(['below-level']);
    expect(cuesOf(enough, [assessment({ currentCoverage: { covered: 2, total: 6 } })])).toEqual([]);
    // Coverage is judged on recognition: four pieces covering little is too few to say anything.
    expect(cuesOf(enough, [assessment({ evidenceCount: 4, currentCoverage: { covered: 0, total: 6 } })])).toEqual([]);
    expect(buildCalibration([alice], enough, period, [assessment({ currentCoverage: { covered: 1, total: 6 } })]).cues[0]!.text).toBe(
      "Alice's 6 pieces of recognition touch only 1 of the 6 competencies expected at level 3: look for what the record misses before reading this as below level.",
    );
  });

  it('ignores evidence outside the period and dismissed items', () => {
    const items = [praiseFrom('b', 100), { ...praiseFrom('c', 1), dismissed: true }];
    expect(buildCalibration([alice], items, period).rows[0].total).toBe(0);
  });
});
