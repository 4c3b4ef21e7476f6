import { z } from 'zod';

/** The SentencePiece word-boundary mark. */
const SEPARATOR = '\u2581';

/**
 * USE lite's first pieces are SentencePiece control symbols (unknown, <s>, </s>, three spares), which its
 * tokenizer never matches in text. A Unigram tokenizer matches every piece of its vocabulary, so the control
 * symbols other than the unknown piece are renamed to strings that normalised text cannot hold (it never
 * contains a plain space). Their ids stay, so every other id is unchanged.
 */
const RESERVED_PIECES = 6;
const UNKNOWN_ID = 0;
const unmatchable = (piece: string) => ` ${piece} `;

/**
 * vocab.json: [piece, score] by id. Seven pieces holding a colon (":", "://", "▁:)", …) have a null score;
 * @energetic-ai/embeddings adds it as 0 (null + x is x), so they are read as 0.
 */
export const vocabularySchema = z
  .array(z.tuple([z.string(), z.number().nullable().transform((score) => score ?? 0)]))
  .min(RESERVED_PIECES + 1);

/**
 * tokenizer.json for transformers.js: USE lite's vocabulary and scores as a Unigram model, with the
 * normalisation @energetic-ai/embeddings applies (NFKC; a separator before non-empty text and for every
 * space), the whole text as one lattice (as there) but for a leading separator before a colon, no special
 * tokens added.
 */
export function useLiteTokenizerJson(vocabulary: z.infer<typeof vocabularySchema>): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        // `\A(?=…)`: prepend only to non-empty text, as @energetic-ai/embeddings does (empty text has no tokens).
        { type: 'Replace', pattern: { Regex: '\\A(?=[\\s\\S])' }, content: SEPARATOR },
        { type: 'Replace', pattern: { String: ' ' }, content: SEPARATOR },
      ],
    },
    // @energetic-ai/embeddings takes a path whose score so far is exactly 0 for "no path yet", so a text
    // never starts with one of the zero-score pieces "▁:", "▁:)", "▁:(", "▁:-)": before a leading colon the
    // separator is always a piece of its own. Splitting it off there gives the same tokens.
    pre_tokenizer: { type: 'Split', pattern: { Regex: `\\A${SEPARATOR}(?=:)` }, behavior: 'Isolated', invert: false },
    post_processor: null,
    decoder: { type: 'Metaspace', replacement: SEPARATOR, prepend_scheme: 'always', split: true },
    model: {
      type: 'Unigram',
      unk_id: UNKNOWN_ID,
      byte_fallback: false,
      vocab: vocabulary.map(([piece, score], id) => [id > UNKNOWN_ID && id < RESERVED_PIECES ? unmatchable(piece) : piece, score]),
    },
  };
}

/** tokenizer_config.json: the padding piece is the unknown one (padded positions are masked anyway). */
export function useLiteTokenizerConfig(vocabulary: z.infer<typeof vocabularySchema>, maxTokens: number): object {
  return {
    tokenizer_class: 'PreTrainedTokenizer',
    model_max_length: maxTokens,
    unk_token: vocabulary[UNKNOWN_ID]![0],
    pad_token: vocabulary[UNKNOWN_ID]![0],
    padding_side: 'right',
    clean_up_tokenization_spaces: false,
  };
}
