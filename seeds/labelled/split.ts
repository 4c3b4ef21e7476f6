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

/** FNV-1a with murmur3's finaliser, so that texts differing in one character land far apart; in [0, 1). */
export function stableUnitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4_294_967_296;
}

/** Whether a group whose earliest row says `text` goes to validation: its own hash, whatever else is in the corpus. */
export const inValidation = (text: string, seed = SPLIT_SEED): boolean => stableUnitHash(`${seed}:${normaliseForOverlap(text)}`) < VALIDATION_SHARE;

/**
 * Splits the written corpus into train and validation: one row per normalised text (the first in corpus order
 * is kept), rows that are near-duplicates of `heldOut` (test, clear examples, hard cases, recognition boundary)
 * dropped, never the held-out rows themselves. The rest are grouped by near-duplicate links (every pair, so a
 * group is a connected component and no train row is near a validation row), and a group goes to validation
 * when the hash of its earliest row's normalised text (corpus order: file name, then line) is under
 * VALIDATION_SHARE. Each label so gets about VALIDATION_SHARE of its rows in validation, and a row's side
 * depends on its own group alone: adding rows never moves an existing one, unless a new row is a near-duplicate
 * of it (its group then gains a member, and follows whichever row is now earliest: a new row that comes first
 * in corpus order, or links two groups, can move the later group's rows).
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

  const earliest = groupNearDuplicates(rows);
  const train: LabelledExample[] = [];
  const validation: LabelledExample[] = [];
  rows.forEach((example, i) => (inValidation(rows[earliest[i]!]!.text, seed) ? validation : train).push(example));
  return { train, validation, dropped };
}

/**
 * Groups `rows` by near-duplicate links (union-find over every near-duplicate pair, so a group is a connected
 * component): for each row, the position of its group's earliest row.
 */
export function groupNearDuplicates(rows: readonly LabelledExample[]): number[] {
  const parent = rows.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const index = new OverlapIndex();
  const position = new Map<LabelledExample, number>();
  rows.forEach((example, i) => {
    for (const match of index.nearDuplicatesOf(example.text)) {
      const [a, b] = [root(i), root(position.get(match)!)];
      parent[Math.max(a, b)] = Math.min(a, b);
    }
    index.add(example);
    position.set(example, i);
  });
  return rows.map((_, i) => root(i));
}
