import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../lib/store/schema';
import {
  LABELLED_DIR,
  OverlapIndex,
  SPLITS,
  countByLabel,
  findCrossSplitOverlaps,
  labelledExampleSchema,
  loadClearExamples,
  loadLabelledSplit,
  normaliseForOverlap,
  parseLabelledJsonl,
  type LabelledExample,
  crossSplitPairs,
} from '../../seeds/labelled/dataset';
import { MAX_TEMPLATE_SHARE, generateTemplatedSplits } from '../../seeds/labelled/generate';

const train = loadLabelledSplit('train');
const validation = loadLabelledSplit('validation');
const test = loadLabelledSplit('test');
const clear = loadClearExamples();
const splits: Record<(typeof SPLITS)[number], LabelledExample[]> = { train, validation, test };

const MIN_SIZES = { train: 900, validation: 200, test: 250 } as const;

describe('labelled data files', () => {
  it.each([...SPLITS.map((s) => `${s}.jsonl`), 'clear-examples.jsonl'])('%s: every line is a valid example', (file) => {
    const lines = readFileSync(`${LABELLED_DIR}/${file}`, 'utf8').split('\n').filter((l) => l.trim() !== '');
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

  it.each(SPLITS)('%s is roughly balanced, with other the largest class', (split) => {
    const rows = splits[split];
    const counts = countByLabel(rows);
    for (const label of LABELS) {
      const share = counts[label] / rows.length;
      expect(share, label).toBeGreaterThanOrEqual(0.12);
      expect(share, label).toBeLessThanOrEqual(0.35);
    }
    expect(counts.other / rows.length).toBeGreaterThanOrEqual(0.25);
    for (const label of LABELS) if (label !== 'other') expect(counts.other).toBeGreaterThan(counts[label]);
  });

  it('clear examples are 5 per label', () => {
    expect(countByLabel(clear)).toEqual({ recognition: 5, constructive: 5, coaching: 5, request: 5, other: 5 });
  });

  it('ids are unique across all files', () => {
    const ids = [...train, ...validation, ...test, ...clear].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(SPLITS)('%s has no duplicate texts after normalisation', (split) => {
    const normalised = splits[split].map((e) => normaliseForOverlap(e.text));
    expect(new Set(normalised).size).toBe(normalised.length);
  });
});

describe('no leakage between splits', () => {
  const pairs = crossSplitPairs(train, validation, test, clear);
  it.each(pairs)('%s share no near-duplicates', (_, a, b) => {
    const overlaps = findCrossSplitOverlaps(a, b).map((o) => `${o.a.id} ~ ${o.b.id}: "${o.a.text}" ~ "${o.b.text}"`);
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

describe('templated splits', () => {
  const generated = generateTemplatedSplits([...test, ...clear]);

  it('train.jsonl and validation.jsonl are what scripts/labelled-data.ts generates', () => {
    expect(train).toEqual(generated.train);
    expect(validation).toEqual(generated.validation);
  });

  it.each(['train', 'validation'] as const)('no template produces more than 2%% of %s', (split) => {
    const limit = Math.floor(MAX_TEMPLATE_SHARE * generated[split].length);
    expect(Math.max(...generated.templateUsage[split].values())).toBeLessThanOrEqual(limit);
  });

  it('train and validation are built from disjoint templates', () => {
    const trainTemplates = new Set(generated.templateUsage.train.keys());
    expect([...generated.templateUsage.validation.keys()].filter((id) => trainTemplates.has(id))).toEqual([]);
  });
});
