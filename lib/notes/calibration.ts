import type { EvidenceItem } from '../signals/types';
import { DAY_MS } from '../signals/period';
import type { EvidenceDecision, Person } from '../store/schema';
import { authoredBy, receivedBy, within } from './evidence';
import type { NextLevelAssessment } from './nextLevel';
import { quietContribution } from '../signals/quietContributors';
import { citeMessage, type Citation } from './citations';

/** Every threshold a calibration cue uses. */
export const CALIBRATION_THRESHOLDS = {
  /** The closing stretch of the period that recency bias looks at. */
  recentDays: 21,
  /** More than this share of the evidence in that stretch reads as recency. */
  recentShare: 0.6,
  /** More than this share of recognition from one person reads as a single source. */
  singleSourceShare: 0.5,
  /** Recognition needed before its sources are judged. */
  singleSourceMinRecognition: 3,
  /** Fewer pieces of evidence than this in the period is too thin to calibrate on. */
  thinEvidence: 5,
  /** Next-level share of positive evidence that reads as above level… */
  aboveLevelShare: 0.5,
  /** …with at least this many next-level pieces. */
  aboveLevelMinItems: 3,
  /** Current-level competencies covered below this share, by at least thinEvidence pieces of recognition, is narrow evidence. */
  belowLevelCoverage: 1 / 3,
} as const;

/** Evidence about a person, as calibration counts it: feedback received and asks raised. */
export const CALIBRATION_LABELS = ['recognition', 'constructive', 'coaching', 'request'] as const;
export type CalibrationLabel = (typeof CALIBRATION_LABELS)[number];

export interface CalibrationRow {
  person: Person;
  counts: Record<CalibrationLabel, number>;
  total: number;
}

export type CalibrationCueKind = 'recency' | 'single-source' | 'thin' | 'above-level' | 'below-level' | 'quiet-contributor';

export interface CalibrationCue {
  personId: string;
  kind: CalibrationCueKind;
  /** One sentence that says what was seen and why it matters. */
  text: string;
  /** The evidence behind it, where the cue rests on particular messages. */
  citations?: Citation[];
}

export interface CalibrationOptions {
  /** The manager's decisions: evidence excluded from a person's review does not count for them. */
  decisions?: readonly EvidenceDecision[];
  /** The roots of threads the items reply in, for the quiet-contributor cue. */
  threadRoots?: readonly EvidenceItem[];
}

export interface Calibration {
  from: number;
  to: number;
  rows: CalibrationRow[];
  cues: CalibrationCue[];
}

const counts = (item: EvidenceItem, personId: string): CalibrationLabel | null => {
  if (item.label === 'request') return authoredBy(item, personId, 'request') ? 'request' : null;
  if (item.label === 'other') return null;
  return receivedBy(item, personId, item.label) ? item.label : null;
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

function cuesFor(
  person: Person,
  evidence: readonly EvidenceItem[],
  period: { from: number; to: number },
  assessment: NextLevelAssessment | undefined,
): CalibrationCue[] {
  const t = CALIBRATION_THRESHOLDS;
  const cues: CalibrationCue[] = [];
  const cue = (kind: CalibrationCueKind, text: string) => cues.push({ personId: person.id, kind, text });
  const first = person.name.split(/\s+/)[0];

  if (evidence.length < t.thinEvidence) {
    cue('thin', `Only ${evidence.length} of at least ${t.thinEvidence} pieces of evidence for ${first} this period: too thin to calibrate on alone.`);
  } else {
    const recentFrom = period.to - t.recentDays * DAY_MS;
    const recent = evidence.filter((item) => item.message.sentAt > recentFrom).length;
    if (recent / evidence.length > t.recentShare) {
      cue('recency', `${percent(recent / evidence.length)} of ${first}'s evidence is from the last ${t.recentDays} days of the period, so earlier work may be under-weighted.`);
    }
  }

  const recognition = evidence.filter((item) => item.label === 'recognition');
  if (recognition.length >= t.singleSourceMinRecognition) {
    const byAuthor = new Map<string, { name: string; count: number }>();
    for (const item of recognition) {
      const entry = byAuthor.get(item.message.authorId) ?? { name: item.message.authorName || item.message.authorId, count: 0 };
      entry.count += 1;
      byAuthor.set(item.message.authorId, entry);
    }
    const top = [...byAuthor.values()].sort((a, b) => b.count - a.count)[0];
    if (top.count / recognition.length > t.singleSourceShare) {
      cue('single-source', `${percent(top.count / recognition.length)} of ${first}'s recognition comes from ${top.name}, so it reflects one person's view.`);
    }
  }

  if (assessment) {
    const { covered, total } = assessment.currentCoverage;
    if (assessment.nextLevelShare >= t.aboveLevelShare && assessment.nextLevelCount >= t.aboveLevelMinItems) {
      cue('above-level', `${percent(assessment.nextLevelShare)} of ${first}'s recognition reads like level ${assessment.nextLevel ?? person.level + 1}, above their level ${person.level}.`);
    } else if (assessment.evidenceCount >= t.thinEvidence && total > 0 && covered / total < t.belowLevelCoverage) {
      // Coverage is read from recognition only (asks and critique never cover a competency), and a rubric
      // that maps little of a team's language says as much about the rubric as about the person.
      const pieces = `${first}'s ${assessment.evidenceCount} pieces of recognition`;
      cue(
        'below-level',
        `${covered === 0 ? `None of ${pieces} map to any` : `${pieces} touch only ${covered}`} of the ${total} competencies expected at level ${person.level}: look for what the record misses before reading this as below level.`,
      );
    }
  }
  return cues;
}

/**
 * Evidence per person and label across reports for one period, with cues for the usual calibration biases.
 * Assessments (from assessNextLevel) are optional; without them the level cues are skipped. Evidence the
 * manager excluded from a person's review does not count for that person here either.
 */
export function buildCalibration(
  people: readonly Person[],
  items: readonly EvidenceItem[],
  period: { from: number; to: number },
  assessments: readonly NextLevelAssessment[] = [],
  { decisions = [], threadRoots = [] }: CalibrationOptions = {},
): Calibration {
  const inPeriod = items.filter((item) => within(item, period.from, period.to));
  const rows: CalibrationRow[] = [];
  const cues: CalibrationCue[] = [];
  for (const person of people) {
    const row: CalibrationRow = { person, counts: { recognition: 0, constructive: 0, coaching: 0, request: 0 }, total: 0 };
    const evidence: EvidenceItem[] = [];
    const excluded = new Set(decisions.filter((d) => d.personId === person.id && d.excluded).map((d) => d.itemKey));
    for (const item of inPeriod) {
      if (excluded.has(item.key)) continue;
      const label = counts(item, person.id);
      if (!label) continue;
      row.counts[label] += 1;
      row.total += 1;
      evidence.push(item);
    }
    rows.push(row);
    cues.push(...cuesFor(person, evidence, period, assessments.find((a) => a.personId === person.id)));
    const quiet = quietContribution(person.id, items.filter((item) => !excluded.has(item.key)), threadRoots, period.to);
    if (quiet) {
      cues.push({
        personId: person.id,
        kind: 'quiet-contributor',
        text: `${quiet.text.replace(/\.$/, '')}: unblocking work that public praise tends to miss.`,
        citations: quiet.answers.map(citeMessage),
      });
    }
  }
  return { from: period.from, to: period.to, rows, cues };
}
