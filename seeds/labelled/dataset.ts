import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { labelSchema } from '../../lib/store/schema';

export const labelledExampleSchema = z.object({
  text: z.string().trim().min(1),
  label: labelSchema,
  id: z.string().min(1),
});
export type LabelledExample = z.infer<typeof labelledExampleSchema>;

export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export const LABELLED_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * First names used in @mentions across the data set. The overlap check folds them (with or without
 * the @) to one token, so two messages that differ only in who they are about count as duplicates.
 */
export const PEOPLE_NAMES = [
  'Priya', 'Mateo', 'Aisha', 'Kenji', 'Olga', 'Tunde', 'Mei', 'Lars', 'Fatima', 'Diego',
  'Siobhan', 'Arjun', 'Yuki', 'Kwame', 'Ingrid', 'Hamid', 'Chloé', 'José', 'Björn', 'Zoë',
  'Nadia', 'Omar', 'Sven', 'Leilani', 'Thandiwe', 'Ravi', 'Camila', 'Hiroshi', 'Amara', 'Dmitri',
  'Elif', 'Noa', 'Tomasz', 'Wei', 'Ji-ho', 'Sofia', 'Kofi', 'Anjali', 'Pedro', 'Ayesha',
  'Marcus', 'Hannah', 'Ngozi', 'Liam', 'Farah', 'Emeka', 'Rosa', 'Ana', 'Malik', 'Saoirse',
  'Tariq', 'Lucía', 'Kai', 'Esi', 'Nikolai', 'Mariana', 'Rahul', 'Hye-jin', 'Oluwaseun', 'Beatriz',
  'Yusuf', 'Astrid', 'Chen', 'Imani', 'Pablo', 'Greta', 'Bongani', 'Lin', 'Rania', 'Teodor',
] as const;

export function parseLabelledJsonl(source: string, origin: string): LabelledExample[] {
  return source
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, index }) => {
      const parsed = labelledExampleSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${origin}:${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export const toJsonl = (examples: readonly LabelledExample[]): string =>
  examples.map((e) => JSON.stringify({ text: e.text, label: e.label, id: e.id })).join('\n') + '\n';

export function loadLabelledFile(fileName: string, dir: string = LABELLED_DIR): LabelledExample[] {
  const path = `${dir}/${fileName}`;
  return parseLabelledJsonl(readFileSync(path, 'utf8'), path);
}

export const loadLabelledSplit = (split: Split, dir?: string): LabelledExample[] =>
  loadLabelledFile(`${split}.jsonl`, dir);

export const loadClearExamples = (dir?: string): LabelledExample[] => loadLabelledFile('clear-examples.jsonl', dir);

/** Hard cases written for the model's regression test: the mixed and borderline messages of the label rules. */
export const loadHardCases = (dir?: string): LabelledExample[] => loadLabelledFile('hard-cases.jsonl', dir);

/**
 * The recognition boundary, written for the precision bar: formulaic closing thanks and announcements (other)
 * beside short genuine praise and launches credited to someone (recognition). Every one must be right.
 */
export const loadRecognitionBoundary = (dir?: string): LabelledExample[] => loadLabelledFile('recognition-boundary.jsonl', dir);

/** Held out beside test: the clear examples, the hard cases and the recognition boundary, which no training row may echo. */
export const loadHeldOutExtras = (dir?: string): LabelledExample[] => [...loadClearExamples(dir), ...loadHardCases(dir), ...loadRecognitionBoundary(dir)];

/** The written corpus, one file per register (or writer), in file-name order. */
export const WRITTEN_DIR = `${LABELLED_DIR}/written`;
export function loadWrittenCorpus(dir: string = WRITTEN_DIR): LabelledExample[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => loadLabelledFile(f, dir));
}

/** Hyphens stay unescaped: `\-` is an invalid escape in a unicode-mode pattern. */
const escapeForRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const bareNamePattern = new RegExp(
  `(?<![\\p{L}])(?:${PEOPLE_NAMES.map((n) => escapeForRegExp(n.toLowerCase())).join('|')})(?![\\p{L}])`,
  'gu',
);

/**
 * Folds away what does not change a message's meaning for the duplicate check: case, punctuation,
 * emoji shortcodes, links, numbers, and who is mentioned.
 */
export function normaliseForOverlap(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' link ')
    .replace(/:[a-z0-9_+'-]+:/g, ' ')
    .replace(/@[\p{L}][\p{L}'-]*/gu, ' person ')
    .replace(bareNamePattern, ' person ')
    .replace(/\p{N}+/gu, '0')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words and word pairs of a normalised text: pairs catch reworded templates, words keep short texts comparable. */
export function overlapShingles(normalised: string): Set<string> {
  const words = normalised.split(' ').filter((w) => w.length > 0);
  const shingles = new Set(words);
  for (let i = 0; i + 1 < words.length; i++) shingles.add(`${words[i]} ${words[i + 1]}`);
  return shingles;
}

export interface Similarity {
  /** Shared shingles over all shingles of the two texts. */
  jaccard: number;
  /** Shared shingles over the shorter text's shingles: one message quoted inside a longer one. */
  containment: number;
}

/** Texts this similar are near-duplicates: reworded, or only names, numbers or emoji changed. */
export const NEAR_DUPLICATE_JACCARD = 0.5;
/** A text of at least CONTAINMENT_MIN_SHINGLES mostly found inside another is a near-duplicate too. */
export const NEAR_DUPLICATE_CONTAINMENT = 0.8;
/** Three words make five shingles; below that, containment is a shared word ("lunch"), not a copy. */
const CONTAINMENT_MIN_SHINGLES = 5;

export const isNearDuplicate = (s: Similarity, shorterSize: number): boolean =>
  s.jaccard >= NEAR_DUPLICATE_JACCARD ||
  (shorterSize >= CONTAINMENT_MIN_SHINGLES && s.containment >= NEAR_DUPLICATE_CONTAINMENT);

export interface Match extends Similarity {
  example: LabelledExample;
  nearDuplicate: boolean;
}

export interface OverlapPair extends Similarity {
  a: LabelledExample;
  b: LabelledExample;
}

/** An index of texts that answers "what here is closest to this text, and is it a near-duplicate?". */
export class OverlapIndex {
  private readonly entries: { example: LabelledExample; shingles: Set<string> }[] = [];
  private readonly byShingle = new Map<string, number[]>();
  /** Shared-shingle counts of one query, by entry; reset to zeros after each. */
  private shared = new Int32Array(0);

  constructor(examples: readonly LabelledExample[] = []) {
    for (const e of examples) this.add(e);
  }

  add(example: LabelledExample): void {
    const shingles = overlapShingles(normaliseForOverlap(example.text));
    const position = this.entries.push({ example, shingles }) - 1;
    for (const s of shingles) {
      const list = this.byShingle.get(s);
      if (list) list.push(position);
      else this.byShingle.set(s, [position]);
    }
  }

  /**
   * Calls `visit` with every indexed example that shares a shingle with `text`, and their similarity. Shared
   * shingles are counted through the inverted index, so a query costs the postings of its shingles.
   */
  private scan(text: string, visit: (example: LabelledExample, similarity: Similarity, nearDuplicate: boolean) => void): void {
    const shingles = overlapShingles(normaliseForOverlap(text));
    if (this.shared.length < this.entries.length) this.shared = new Int32Array(this.entries.length * 2);
    const touched: number[] = [];
    for (const s of shingles) {
      for (const p of this.byShingle.get(s) ?? []) if (this.shared[p]!++ === 0) touched.push(p);
    }
    for (const p of touched) {
      const entry = this.entries[p]!;
      const shared = this.shared[p]!;
      this.shared[p] = 0;
      const union = shingles.size + entry.shingles.size - shared;
      const smaller = Math.min(shingles.size, entry.shingles.size);
      const similarity = { jaccard: union === 0 ? 1 : shared / union, containment: smaller === 0 ? 1 : shared / smaller };
      visit(entry.example, similarity, isNearDuplicate(similarity, smaller));
    }
  }

  /** The closest indexed example (a near-duplicate first, then by Jaccard), or null when nothing shares a word. */
  closest(text: string): Match | null {
    let best: Match | null = null;
    this.scan(text, (example, similarity, nearDuplicate) => {
      const better = !best || (nearDuplicate !== best.nearDuplicate ? nearDuplicate : similarity.jaccard > best.jaccard);
      if (better) best = { example, ...similarity, nearDuplicate };
    });
    return best;
  }

  /** Every indexed example that is a near-duplicate of `text`. */
  nearDuplicatesOf(text: string): LabelledExample[] {
    const found: LabelledExample[] = [];
    this.scan(text, (example, _, nearDuplicate) => nearDuplicate && found.push(example));
    return found;
  }

  hasNearDuplicateOf(text: string): boolean {
    return this.closest(text)?.nearDuplicate ?? false;
  }
}

/** Every example of `b` that has a near-duplicate in `a`. */
export function findCrossSplitOverlaps(a: readonly LabelledExample[], b: readonly LabelledExample[]): OverlapPair[] {
  const index = new OverlapIndex(a);
  return b.flatMap((example) => {
    const match = index.closest(example.text);
    return match?.nearDuplicate
      ? [{ a: match.example, b: example, jaccard: match.jaccard, containment: match.containment }]
      : [];
  });
}

/** The closest pair between `a` and `b` by Jaccard: how much margin the near-duplicate check has. */
export function closestCrossSplitPair(a: readonly LabelledExample[], b: readonly LabelledExample[]): OverlapPair | null {
  const index = new OverlapIndex(a);
  let best: OverlapPair | null = null;
  for (const example of b) {
    const match = index.closest(example.text);
    if (match && (!best || match.jaccard > best.jaccard)) {
      best = { a: match.example, b: example, jaccard: match.jaccard, containment: match.containment };
    }
  }
  return best;
}

export function countByLabel(examples: readonly LabelledExample[]): Record<LabelledExample['label'], number> {
  const counts = { recognition: 0, constructive: 0, coaching: 0, request: 0, other: 0 };
  for (const e of examples) counts[e.label]++;
  return counts;
}

/** Every pair of files that must share no near-duplicate, named for reports: the leakage check's one list. */
export const crossSplitPairs = (
  train: LabelledExample[],
  validation: LabelledExample[],
  test: LabelledExample[],
  clear: LabelledExample[],
): Array<[string, LabelledExample[], LabelledExample[]]> => [
  ['train × validation', train, validation],
  ['train × test', train, test],
  ['validation × test', validation, test],
  ['train × clear+hard', train, clear],
  ['validation × clear+hard', validation, clear],
  ['test × clear+hard', test, clear],
];
