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
import { VALIDATION_SHARE, groupNearDuplicates, inValidation, splitWritten } from '../../seeds/labelled/split';
import { seededRandom } from '../../lib/seeded-random';

const train = loadLabelledSplit('train');
const validation = loadLabelledSplit('validation');
const test = loadLabelledSplit('test');
const extras = loadHeldOutExtras();
const written = loadWrittenCorpus();
const splits: Record<(typeof SPLITS)[number], LabelledExample[]> = { train, validation, test };

/** Four writers' rows the head was never trained on: a new team's voice, for `npm run eval` (seeds/labelled/README.md). */
const UNSEEN_HANDS_FILE = `${LABELLED_DIR}/unseen-hands/O-to-R.jsonl`;
const unseenHands = parseLabelledJsonl(readFileSync(UNSEEN_HANDS_FILE, 'utf8'), UNSEEN_HANDS_FILE);

const MIN_SIZES = { train: 4000, validation: 600, test: 500 } as const;
const FILES = [
  ...SPLITS.map((s) => `${LABELLED_DIR}/${s}.jsonl`),
  `${LABELLED_DIR}/clear-examples.jsonl`,
  `${LABELLED_DIR}/hard-cases.jsonl`,
  `${LABELLED_DIR}/recognition-boundary.jsonl`,
  ...readdirSync(WRITTEN_DIR).map((f) => `${WRITTEN_DIR}/${f}`),
  UNSEEN_HANDS_FILE,
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

  it('the unseen hands share no near-duplicates with anything the head is trained, tuned or tested on', () => {
    const overlaps = findCrossSplitOverlaps(unseenHands, [...train, ...validation, ...test, ...extras]).map((o) => `${o.a.id} ~ ${o.b.id}`);
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
  const heldOut = [...test, ...extras];
  const made = splitWritten(written, heldOut);
  const sides = (split: { train: LabelledExample[]; validation: LabelledExample[] }) =>
    new Map([...split.train.map((e) => [e.id, 'train'] as const), ...split.validation.map((e) => [e.id, 'validation'] as const)]);
  const row = (id: string, text: string, label: LabelledExample['label'] = 'recognition'): LabelledExample => ({ id, text, label });
  /** `n` texts of five made-up words each, no two of them near-duplicates. */
  const distinctRows = (n: number, prefix: string, seed = 7): LabelledExample[] => {
    const random = seededRandom(seed);
    const syllables = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'vo', 'ze', 'pu', 'gi', 'ha', 'do', 'be', 'fy', 'wu', 'jo', 'xe', 'qi', 'ry'];
    const word = () => Array.from({ length: 3 }, () => syllables[Math.floor(random() * syllables.length)]).join('');
    return Array.from({ length: n }, (_, i) => row(`${prefix}${i}`, Array.from({ length: 5 }, word).join(' '), LABELS[i % LABELS.length]!));
  };

  it('are what scripts/labelled-data.ts makes of written/, with every written row accounted for', () => {
    expect(train).toEqual(made.train);
    expect(validation).toEqual(made.validation);
    expect(made.train.length + made.validation.length + made.dropped.length).toBe(written.length);
  });

  it('give each label about VALIDATION_SHARE of its rows in validation', () => {
    const [t, v] = [countByLabel(made.train), countByLabel(made.validation)];
    for (const label of LABELS) expect(Math.abs(v[label] / (t[label] + v[label]) - VALIDATION_SHARE), label).toBeLessThanOrEqual(0.04);
    const synthetic = splitWritten(distinctRows(5000, 's'), []);
    const [st, sv] = [countByLabel(synthetic.train), countByLabel(synthetic.validation)];
    for (const label of LABELS) expect(Math.abs(sv[label] / (st[label] + sv[label]) - VALIDATION_SHARE), label).toBeLessThanOrEqual(0.035);
  });

  it('leave every row on its side when a writer adds files, except rows a new row is a near-duplicate of', () => {
    // Writers A to F alone (8,299 rows, writer D the new one): the whole corpus took over a minute on two cores.
    const firstWriters = written.filter((e) => /^[A-F]-/.test(e.id));
    const isNew = (e: LabelledExample) => e.id.startsWith('D-');
    const before = sides(splitWritten(firstWriters.filter((e) => !isNew(e)), heldOut));
    const after = sides(splitWritten(firstWriters, heldOut));
    const kept = firstWriters.filter((e) => after.has(e.id));
    const earliest = groupNearDuplicates(kept);
    const groupsWithNewRows = new Set(kept.flatMap((e, i) => (isNew(e) ? [earliest[i]] : [])));
    const moved = kept.flatMap((e, i) => (before.has(e.id) && before.get(e.id) !== after.get(e.id) ? [{ e, group: earliest[i] }] : []));
    expect(before.size).toBeGreaterThan(5000);
    expect(moved.length).toBeLessThanOrEqual(before.size * 0.01);
    for (const { e, group } of moved) expect(groupsWithNewRows.has(group), e.id).toBe(true);
  });

  it('moves only the later group when a new row links two groups, and never a row of an unrelated group', () => {
    const base = distinctRows(400, 'r');
    const first = base.find((e) => inValidation(e.text))!;
    const second = base.find((e) => !inValidation(e.text))!;
    const before = sides(splitWritten(base, []));
    const link = row('link', `${first.text} ${second.text}`);
    const after = sides(splitWritten([...base, ...distinctRows(100, 'n', 8), link], []));
    // The linked group follows its earliest row; the other group's one row moves to it.
    const [earlier, later] = base.indexOf(first) < base.indexOf(second) ? [first, second] : [second, first];
    expect(after.get('link')).toBe(before.get(earlier.id));
    expect(base.filter((e) => before.get(e.id) !== after.get(e.id)).map((e) => e.id)).toEqual([later.id]);
  });

  it('keeps near-duplicates on one side and drops rows that echo a held-out file', () => {
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
