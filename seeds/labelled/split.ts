import { LABELS, type Label } from '../../lib/store/schema';
import { seededRandom } from '../../lib/seeded-random';
import { OverlapIndex, normaliseForOverlap, type LabelledExample } from './dataset';

export const SPLIT_SEED = 20_261_201;
/** The share of each label's written rows that goes to validation. */
export const VALIDATION_SHARE = 0.15;

export interface WrittenSplits {
  train: LabelledExample[];
  validation: LabelledExample[];
  /** What was left out, and why: the same text twice, or a near-duplicate of a held-out file. */
  dropped: { example: LabelledExample; reason: string }[];
}

/**
 * Splits the written corpus into train and validation: one row per normalised text, near-duplicates grouped
 * (each row joins the group of its closest near-duplicate) so that a group stays on one side, groups drawn
 * per label (a group's label is its first row's) until each label has VALIDATION_SHARE of its rows in
 * validation, seeded. Rows that are near-duplicates of `heldOut` (test, clear examples, hard cases) are
 * dropped from train and validation, never from the held-out files; so is any train row still near a
 * validation row.
 */
export function splitWritten(written: readonly LabelledExample[], heldOut: readonly LabelledExample[], seed = SPLIT_SEED): WrittenSplits {
  const dropped: WrittenSplits['dropped'] = [];
  const seen = new Set<string>();
  const held = new OverlapIndex(heldOut);
  const rows: LabelledExample[] = [];
  for (const example of written) {
    const normalised = normaliseForOverlap(example.text);
    if (seen.has(normalised)) dropped.push({ example, reason: 'same text as an earlier row' });
    else if (held.hasNearDuplicateOf(example.text)) dropped.push({ example, reason: `near-duplicate of ${held.closest(example.text)!.example.id}` });
    else {
      seen.add(normalised);
      rows.push(example);
    }
  }

  // Union-find over near-duplicate links: each row with its closest near-duplicate among the earlier rows.
  const parent = rows.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const index = new OverlapIndex();
  const position = new Map<LabelledExample, number>();
  rows.forEach((example, i) => {
    const match = index.closest(example.text);
    if (match?.nearDuplicate) parent[root(i)] = root(position.get(match.example)!);
    index.add(example);
    position.set(example, i);
  });
  const groups = new Map<number, LabelledExample[]>();
  rows.forEach((example, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), example]));

  const random = seededRandom(seed);
  const order = [...groups.values()];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const totals = Object.fromEntries(LABELS.map((l) => [l, rows.filter((r) => r.label === l).length])) as Record<Label, number>;
  const taken = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  const validationSet = new Set<LabelledExample>();
  for (const group of order) {
    const label = group[0]!.label;
    if (taken[label] + group.length > Math.round(totals[label] * VALIDATION_SHARE)) continue;
    taken[label] += group.length;
    for (const example of group) validationSet.add(example);
  }
  const validation = rows.filter((r) => validationSet.has(r));
  const validationIndex = new OverlapIndex(validation);
  const train: LabelledExample[] = [];
  for (const example of rows) {
    if (validationSet.has(example)) continue;
    if (validationIndex.hasNearDuplicateOf(example.text)) dropped.push({ example, reason: `near-duplicate of validation ${validationIndex.closest(example.text)!.example.id}` });
    else train.push(example);
  }
  return { train, validation, dropped };
}
