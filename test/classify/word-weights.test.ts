import { describe, expect, it } from 'vitest';
import { fitCorpusWords, fitTeamWords } from '../../lib/classify/fit-word-weights';
import { shippedHead } from '../../lib/classify/shipped-head';
import { headScores, parseHead, type ClassifierHead, type HeadLayer } from '../../lib/classify/head';
import { messageWords } from '../../lib/classify/message-words';
import { adaptHead, adaptHeadLayers, DEFAULT_ADAPTATION, wordOffsets } from '../../lib/classify/train-head';
import { addWordLogits, encodeWordWeights, wordWeightsSchema, type WordWeights } from '../../lib/classify/word-weights';
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

/** How far `words` lean a message from `other` to `towards`. */
const lean = (wordWeights: WordWeights, text: string, towards: Label = 'request') => {
  const logits = addWordLogits(wordWeights, messageWords(text), new Float64Array(LABELS.length));
  return logits[label(towards)]! - logits[label('other')]!;
};

describe('message words', () => {
  it('read the text the model reads, lowercased: each word and each pair of neighbours once, ascending, as 32-bit hashes', () => {
    expect(messageWords('PTAL   please')).toEqual(messageWords('ptal please'));
    expect(messageWords('see https://example.com/pr/12')).toEqual(messageWords('see link'));
    const words = messageWords('ship it ship it');
    expect(words).toHaveLength(new Set(words).size);
    expect(words).toEqual([...words].sort((a, b) => a - b));
    // ship, it, "ship it", "it ship": three words and pairs besides the repeats.
    expect(words).toHaveLength(4);
    expect(words.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)).toBe(true);
    // Tags, shortcodes and handles keep their marks: "#action" is not "action".
    expect(messageWords('#action')).not.toEqual(messageWords('action'));
    expect(messageWords(':tada:')).toHaveLength(1);
    expect(messageWords('🎉 …')).toEqual([]);
  });
});

describe('word weights', () => {
  it('keep their words and their weights within half a step of one scale, and add nothing for a word they do not hold', () => {
    const words = messageWords('lgtm thanks');
    const weights = words.flatMap((_, i) => [1.5 * (i + 1), -0.25, 0, 0.1, -3]);
    const stored = wordWeightsSchema.parse(JSON.parse(JSON.stringify(encodeWordWeights(words, weights))));
    const logits = addWordLogits(stored, messageWords('lgtm'), new Float64Array(LABELS.length));
    const row = words.indexOf(messageWords('lgtm')[0]!);
    logits.forEach((value, c) => expect(Math.abs(value - weights[row * LABELS.length + c]!)).toBeLessThanOrEqual(stored.scale / 2 + 1e-9));
    expect(Array.from(addWordLogits(stored, messageWords('standup moved'), new Float64Array(LABELS.length)))).toEqual([0, 0, 0, 0, 0]);
    expect(encodeWordWeights([], []).words).toBe('');
  });

  it('are checked when a head is read back: ascending words, one weight per label for each, base64', () => {
    const good = encodeWordWeights([1, 2], new Array(10).fill(0.5));
    expect(head({ corpusWords: good, teamWords: good }).corpusWords).toEqual(good);
    expect(() => head({ corpusWords: encodeWordWeights([2, 1], new Array(10).fill(0)) })).toThrow(/corpus words: the words must ascend/);
    expect(() => head({ teamWords: encodeWordWeights([1, 2], new Array(9).fill(0)) })).toThrow(/team words: one weight per label for each word/);
    expect(() => head({ corpusWords: { ...good, words: good.words.slice(0, 4) } })).toThrow(/corpus words: the words are not whole 32-bit hashes/);
    expect(() => head({ corpusWords: { ...good, weights: '%%%' } })).toThrow(/corpus words/);
  });
});

describe('corpus words', () => {
  // Messages the layers read alike; "ptal" marks the requests.
  const texts = ['ptal the parser', 'ptal when you can', 'ptal, small one', 'the parser shipped', 'shipped the fix', 'lunch at noon'];
  const train = {
    features: texts.map(() => sameEmbedding),
    labels: texts.map((t) => (t.startsWith('ptal') ? label('request') : label('other'))),
    words: texts.map(messageWords),
  };

  it('learn what the words of the training messages say that the embedding does not, for words in enough of them', () => {
    const corpusWords = fitCorpusWords(layers, train, { minMessages: 2, l2: 1e-3, steps: 100, learningRate: 0.05 });
    const withWords = head({ corpusWords });
    expect(top(headScores(withWords, sameEmbedding, 'ptal the new endpoint'))).toBe('request');
    expect(top(headScores(withWords, sameEmbedding, 'the endpoint is live'))).toBe('other');
    expect(top(headScores(head(), sameEmbedding, 'ptal the new endpoint'))).toBe('other');
    // "lunch" is in one message, under minMessages: it gets no weights at all.
    expect(lean(corpusWords, 'lunch', 'coaching')).toBe(0);
    expect(lean(corpusWords, 'ptal')).toBeGreaterThan(1);
  });

  it('ship in the head: a review ping leans to request, credit to recognition, a nit to constructive', () => {
    const { corpusWords } = shippedHead();
    expect(corpusWords).toBeDefined();
    expect(lean(corpusWords!, 'ptal')).toBeGreaterThan(0.5);
    expect(lean(corpusWords!, 'kudos to', 'recognition')).toBeGreaterThan(0.5);
    expect(lean(corpusWords!, 'nit:', 'constructive')).toBeGreaterThan(0.5);
  });

  it('are held while a refit moves the layers: a correction the corpus words already read right moves them less', () => {
    // The layers read every message as `other`; the corpus words read "ptal" as a request.
    const corpusWords = encodeWordWeights(messageWords('ptal'), [0, 0, 0, 4, 0]);
    const rehearsal = Array.from({ length: 10 }, () => Float32Array.of(0.8, 0.6));
    const correction = { features: [sameEmbedding], labels: [label('request')] };
    const moved = (offsets?: Float64Array[]) => {
      const [refitted] = adaptHeadLayers(layers, { ...correction, offsets }, 1, { ...DEFAULT_ADAPTATION, steps: 300, learningRate: 0.05 }, rehearsal);
      return refitted!.bias.reduce((sum, b, i) => sum + Math.abs(b - layers[0]!.bias[i]!), 0) + refitted!.weights.reduce((sum, w, i) => sum + Math.abs(w - layers[0]!.weights[i]!), 0);
    };
    expect(moved(wordOffsets(corpusWords, [messageWords('ptal')]))).toBeLessThan(moved() / 2);
  });

  it('lean less with a stronger L2', () => {
    const [strong, weak] = [1e-1, 1e-4].map((l2) => fitCorpusWords(layers, train, { minMessages: 2, l2, steps: 100, learningRate: 0.05 }));
    expect(lean(strong!, 'ptal')).toBeLessThan(lean(weak!, 'ptal'));
  });
});

describe('team words', () => {
  const examples = {
    features: [sameEmbedding, sameEmbedding, sameEmbedding],
    labels: [label('request'), label('request'), label('request')],
    words: ['#action ana to fix the build', '#action raj to write the notes', '#action all to vote by friday'].map(messageWords),
  };
  // Training messages the head reads as `other`, most of them with "the".
  const rehearsal = {
    features: Array.from({ length: 20 }, () => sameEmbedding),
    words: Array.from({ length: 20 }, (_, i) => messageWords(i % 2 === 0 ? `the build is green again ${i}` : `we moved the call ${i}`)),
  };

  it('make the next message with the team’s words lean to the label they gave, and leave words every label shares nearly alone', () => {
    const teamWords = fitTeamWords({ layers }, examples, rehearsal, 1);
    const learned = head({ teamWords });
    expect(top(headScores(learned, sameEmbedding, '#action sam to book the room'))).toBe('request');
    expect(top(headScores(learned, sameEmbedding, 'the room is booked'))).toBe('other');
    expect(top(headScores(learned, sameEmbedding, 'lunch?'))).toBe('other');
    // A head without word weights: the text changes nothing.
    expect(headScores(head(), sameEmbedding, '#action sam to book the room')).toEqual(headScores(head(), sameEmbedding, 'lunch?'));
    expect(lean(teamWords, '#action')).toBeGreaterThan(3 * lean(teamWords, 'the'));
  });

  it('learn words that rehearsal rows share less than words they do not', () => {
    const rehearsed = fitTeamWords({ layers }, examples, rehearsal, 1);
    const alone = fitTeamWords({ layers }, examples, { features: [], words: [] }, 1);
    expect(lean(rehearsed, 'the')).toBeLessThan(lean(alone, 'the'));
    expect(lean(alone, 'the')).toBeGreaterThan(0);
  });

  it('learn only what the corpus words do not already say', () => {
    const corpusWords = encodeWordWeights(messageWords('#action'), [0, 0, 0, 4, 0]);
    const onTop = fitTeamWords({ layers, corpusWords }, examples, rehearsal, 1);
    expect(lean(onTop, '#action')).toBeLessThan(lean(fitTeamWords({ layers }, examples, rehearsal, 1), '#action'));
  });

  it('come with a refitted head beside its corpus words, change its model id, and are checked when a head is read back', () => {
    const corpusWords = encodeWordWeights(messageWords('lunch'), [0, 0, 0, 0, 2]);
    const learned = parseHead(adaptHead(head({ corpusWords }), examples, rehearsal));
    expect(learned.corpusWords).toEqual(corpusWords);
    expect(learned.teamWords).toBeDefined();
    expect(lean(learned.teamWords!, '#action')).toBeGreaterThan(0);
    const withoutWords = parseHead(adaptHead(head({ corpusWords }), { ...examples, words: examples.words.map(() => []) }, rehearsal));
    expect(withoutWords.modelId).not.toBe(learned.modelId);
    expect(top(headScores(learned, sameEmbedding, '#action sam to book the room'))).toBe('request');
  });
});
