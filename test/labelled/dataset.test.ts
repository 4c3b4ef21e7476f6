import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../lib/store/schema';
import {
  LABELLED_DIR,
  OverlapIndex,
  SPLITS,
  WRITTEN_DIR,
  countByLabel,
  crossSplitPairs,
  findCrossSplitOverlaps,
  labelledExampleSchema,
  loadClearExamples,
  loadHardCases,
  loadHeldOutExtras,
  loadLabelledSplit,
  loadWrittenCorpus,
  normaliseForOverlap,
  parseLabelledJsonl,
  type LabelledExample,
} from '../../seeds/labelled/dataset';
import { splitWritten } from '../../seeds/labelled/split';

const train = loadLabelledSplit('train');
const validation = loadLabelledSplit('validation');
const test = loadLabelledSplit('test');
const extras = loadHeldOutExtras();
const written = loadWrittenCorpus();
const splits: Record<(typeof SPLITS)[number], LabelledExample[]> = { train, validation, test };

const MIN_SIZES = { train: 4000, validation: 600, test: 500 } as const;
const FILES = [
  ...SPLITS.map((s) => `${LABELLED_DIR}/${s}.jsonl`),
  `${LABELLED_DIR}/clear-examples.jsonl`,
  `${LABELLED_DIR}/hard-cases.jsonl`,
  `${LABELLED_DIR}/recognition-boundary.jsonl`,
  ...readdirSync(WRITTEN_DIR).map((f) => `${WRITTEN_DIR}/${f}`),
];

describe('labelled data files', () => {
  it.each(FILES)('%s: every line is a valid example', (file) => {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const row: unknown = JSON.parse(line);
      expect(labelledExampleSchema.safeParse(row).success, line).toBe(true);
      expect(Object.keys(row as object).sort()).toEqual(['id', 'label', 'text']);
    }
  });

  it('rejects a bad label or an empty text', () => {
    expect(() => parseLabelledJsonl('{"text":"hi","label":"praise","id":"x"}', 'inline')).toThrow(/inline:1/);
    expect(() => parseLabelledJsonl('{"text":"  ","label":"other","id":"x"}', 'inline')).toThrow(/inline:1/);
  });

  it.each(SPLITS)('%s has at least its minimum size', (split) => {
    expect(splits[split].length).toBeGreaterThanOrEqual(MIN_SIZES[split]);
  });

  it.each(SPLITS)('%s has every label, with other the largest class', (split) => {
    const rows = splits[split];
    const counts = countByLabel(rows);
    for (const label of LABELS) {
      expect(counts[label] / rows.length, label).toBeGreaterThanOrEqual(0.1);
      if (label !== 'other') expect(counts.other).toBeGreaterThan(counts[label]);
    }
    expect(counts.other / rows.length).toBeLessThanOrEqual(0.45);
  });

  it('clear examples are 5 per label; hard cases cover every label', () => {
    expect(countByLabel(loadClearExamples())).toEqual({ recognition: 5, constructive: 5, coaching: 5, request: 5, other: 5 });
    expect(Object.values(countByLabel(loadHardCases())).every((n) => n >= 5)).toBe(true);
  });

  it('ids are unique across all files', () => {
    const ids = [...written, ...test, ...extras].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(SPLITS)('%s has no duplicate texts after normalisation', (split) => {
    const normalised = splits[split].map((e) => normaliseForOverlap(e.text));
    expect(new Set(normalised).size).toBe(normalised.length);
  });
});

describe('no leakage between splits', () => {
  it.each(crossSplitPairs(train, validation, test, extras))('%s share no near-duplicates', (_, a, b) => {
    // Test rows are named by id only: nobody tuning the model should read them.
    const overlaps = findCrossSplitOverlaps(a, b).map((o) => `${o.a.id} ~ ${o.b.id}`);
    expect(overlaps).toEqual([]);
  });

  it('normalisation folds case, punctuation, emoji, links, numbers and names', () => {
    expect(normaliseForOverlap('Huge thanks to @Priya for PR #4821 :tada: https://github.com/x/y/pull/1!!')).toBe(
      normaliseForOverlap('huge thanks to Mateo for pr #17 — https://example.com'),
    );
  });

  it('finds a reworded copy and a quoted copy, and leaves different messages alone', () => {
    const index = new OverlapIndex([
      { id: 'a', label: 'recognition', text: 'Huge thanks to @Priya for untangling the deploy pipeline :tada:' },
      { id: 'b', label: 'other', text: 'Deployed v2.3 to staging' },
    ]);
    expect(index.hasNearDuplicateOf('huge thanks @Kenji for untangling the whole deploy pipeline!!')).toBe(true);
    expect(index.hasNearDuplicateOf('Deployed v2.4 to staging, smoke tests are green and prod goes out at 3')).toBe(true);
    expect(index.hasNearDuplicateOf('Thanks @Kenji for the quick review on the pipeline PR')).toBe(false);
    expect(index.hasNearDuplicateOf('lunch?')).toBe(false);
  });
});

describe('train and validation from the written corpus', () => {
  it('are what scripts/labelled-data.ts makes of written/, with every written row accounted for', () => {
    const made = splitWritten(written, [...test, ...extras]);
    expect(train).toEqual(made.train);
    expect(validation).toEqual(made.validation);
    expect(made.train.length + made.validation.length + made.dropped.length).toBe(written.length);
  });

  it('keeps near-duplicates on one side and drops rows that echo a held-out file', () => {
    const row = (id: string, text: string, label: LabelledExample['label'] = 'recognition'): LabelledExample => ({ id, text, label });
    const corpus = [
      ...Array.from({ length: 40 }, (_, i) => row(`r${i}`, `thanks ${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${i} for the fix number ${'xyz'[i % 3]} ${i % 7}`)),
      row('dup-a', 'huge thanks to @Priya for untangling the deploy pipeline'),
      row('dup-b', 'huge thanks @Kenji for untangling the whole deploy pipeline!!'),
      row('echo', 'Lunch is at noon in the big room today', 'other'),
    ];
    for (let seed = 1; seed <= 5; seed++) {
      const { train: t, validation: v, dropped } = splitWritten(corpus, [row('held', 'lunch is at noon in the big room', 'other')], seed);
      const side = (id: string) => (t.some((e) => e.id === id) ? 'train' : v.some((e) => e.id === id) ? 'validation' : 'dropped');
      expect(side('dup-a')).toBe(side('dup-b'));
      expect(dropped.map((d) => d.example.id)).toContain('echo');
      expect(findCrossSplitOverlaps(t, v)).toEqual([]);
    }
  });
});
