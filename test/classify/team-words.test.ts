import { describe, expect, it } from 'vitest';
import { fitTeamWords } from '../../lib/classify/fit-team-words';
import { headScores, parseHead, type ClassifierHead, type HeadLayer } from '../../lib/classify/head';
import { addTeamWordLogits, TEAM_WORD_BUCKETS, teamWordsSchema, wordBuckets } from '../../lib/classify/team-words';
import { adaptHead } from '../../lib/classify/train-head';
import { LABELS, type Label } from '../../lib/store/schema';

const label = (name: Label) => LABELS.indexOf(name);

/** A head that reads every message as `other` unless its embedding says otherwise: what a team's shorthand looks like to it. */
const layers: HeadLayer[] = [{ inputs: 2, outputs: 5, weights: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], bias: [0, 0, 0, 0, 1] }];
const sameEmbedding = Float32Array.of(0.6, 0.8);

const head = (extra: Partial<ClassifierHead> = {}): ClassifierHead =>
  parseHead({
    format: 'aspen-head@1',
    encoderId: 'e',
    modelId: 'e+head-1',
    labels: [...LABELS],
    layers,
    temperature: 1,
    unsureBelow: 0,
    training: { train: 1, validation: 1, validationMacroF1: 1, epochs: 1 },
    ...extra,
  });

const top = (scores: Record<Label, number>) => (Object.entries(scores) as Array<[Label, number]>).sort((a, b) => b[1] - a[1])[0]![0];

describe('word buckets', () => {
  it('read the text the model reads, lowercased: each word and each pair of neighbours once, ascending, in range', () => {
    expect(wordBuckets('PTAL   please')).toEqual(wordBuckets('ptal please'));
    expect(wordBuckets('see https://example.com/pr/12')).toEqual(wordBuckets('see link'));
    const buckets = wordBuckets('ship it ship it');
    expect(buckets).toHaveLength(new Set(buckets).size);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    // ship, it, "ship it", "it ship": three words and pairs besides the repeats.
    expect(buckets).toHaveLength(4);
    expect(buckets.every((b) => Number.isInteger(b) && b >= 0 && b < TEAM_WORD_BUCKETS)).toBe(true);
    // Tags, shortcodes and handles keep their marks: "#action" is not "action".
    expect(wordBuckets('#action')).not.toEqual(wordBuckets('action'));
    expect(wordBuckets(':tada:')).toHaveLength(1);
    expect(wordBuckets('🎉 …')).toEqual([]);
  });
});

describe('team words', () => {
  const examples = {
    features: [sameEmbedding, sameEmbedding, sameEmbedding],
    labels: [label('request'), label('request'), label('request')],
    words: ['#action ana to fix the build', '#action raj to write the notes', '#action all to vote by friday'].map(wordBuckets),
  };
  // Training messages the head reads as `other`, most of them with "the".
  const rehearsal = {
    features: Array.from({ length: 20 }, () => sameEmbedding),
    words: Array.from({ length: 20 }, (_, i) => wordBuckets(i % 2 === 0 ? `the build is green again ${i}` : `we moved the call ${i}`)),
  };

  it('make the next message with the team’s words lean to the label they gave, and leave words every label shares nearly alone', () => {
    const teamWords = fitTeamWords(layers, examples, rehearsal, 1);
    const learned = head({ teamWords });
    expect(top(headScores(learned, sameEmbedding, '#action sam to book the room'))).toBe('request');
    expect(top(headScores(learned, sameEmbedding, 'the room is booked'))).toBe('other');
    expect(top(headScores(learned, sameEmbedding, 'lunch?'))).toBe('other');
    // The shipped head has no team words: the text changes nothing.
    expect(headScores(head(), sameEmbedding, '#action sam to book the room')).toEqual(headScores(head(), sameEmbedding, 'lunch?'));
    const weightOf = (word: string) => {
      const logits = addTeamWordLogits(teamWords, wordBuckets(word), new Float64Array(LABELS.length));
      return logits[label('request')]! - logits[label('other')]!;
    };
    expect(weightOf('#action')).toBeGreaterThan(3 * weightOf('the'));
  });

  it('learn words that rehearsal rows share less than words they do not', () => {
    const rehearsed = fitTeamWords(layers, examples, rehearsal, 1);
    const alone = fitTeamWords(layers, examples, { features: [], words: [] }, 1);
    const lean = (teamWords: ReturnType<typeof fitTeamWords>) => {
      const logits = addTeamWordLogits(teamWords, wordBuckets('the'), new Float64Array(LABELS.length));
      return logits[label('request')]! - logits[label('other')]!;
    };
    expect(lean(rehearsed)).toBeLessThan(lean(alone));
    expect(lean(alone)).toBeGreaterThan(0);
  });

  it('come with a refitted head, change its model id, and are checked when a head is read back', () => {
    const learned = parseHead(adaptHead(head(), examples, rehearsal));
    expect(learned.teamWords!.buckets).toEqual([...new Set(examples.words.flat())].sort((a, b) => a - b));
    expect(learned.teamWords!.weights).toHaveLength(learned.teamWords!.buckets.length * LABELS.length);
    const withoutWords = parseHead(adaptHead(head(), { ...examples, words: examples.words.map(() => []) }, rehearsal));
    expect(withoutWords.modelId).not.toBe(learned.modelId);
    expect(top(headScores(learned, sameEmbedding, '#action sam to book the room'))).toBe('request');
    expect(() => head({ teamWords: { buckets: [2, 1], weights: new Array(10).fill(0) } })).toThrow(/buckets must ascend/);
    expect(() => head({ teamWords: { buckets: [1, 2], weights: new Array(9).fill(0) } })).toThrow(/one weight per label for each bucket/);
    expect(teamWordsSchema.safeParse({ buckets: [TEAM_WORD_BUCKETS], weights: [0, 0, 0, 0, 0] }).success).toBe(false);
  });
});
