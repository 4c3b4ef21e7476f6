import type { EvidenceItem } from '../signals/types';
import type { RubricCompetency } from './schema';

export type EmbedTexts = (texts: string[]) => Promise<Float32Array[]>;

export interface CompetencyMatch {
  competency: RubricCompetency;
  /** The example behaviour the evidence was closest to. */
  behaviour: string;
  /** Cosine similarity between the evidence text and that behaviour, in [-1, 1]. */
  score: number;
}

export interface MappedEvidence {
  item: EvidenceItem;
  /** Best first; empty when nothing reached the minimum score. */
  matches: CompetencyMatch[];
}

export const MAPPING_DEFAULTS = {
  /** Competencies kept per item. */
  topK: 2,
  /** Below this cosine similarity (USE lite) a behaviour and a message are about different things. */
  minScore: 0.3,
} as const;

export interface MappingOptions {
  topK?: number;
  minScore?: number;
}

/**
 * Phrase embeddings per encoder, keyed by the phrase itself: every rubric (the default, an edited copy, an
 * import) reuses what is already embedded, and an edit only costs the phrases it changed.
 */
const phraseCache = new WeakMap<EmbedTexts, Map<string, Float32Array>>();

async function embedPhrases(phrases: readonly string[], embed: EmbedTexts): Promise<Map<string, Float32Array>> {
  let cache = phraseCache.get(embed);
  if (!cache) {
    cache = new Map();
    phraseCache.set(embed, cache);
  }
  const missing = [...new Set(phrases.filter((p) => !cache.has(p)))];
  if (missing.length > 0) {
    const vectors = await embed(missing);
    missing.forEach((phrase, i) => cache.set(phrase, vectors[i]));
  }
  return cache;
}

export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** What the encoder should read: Slack markup (mentions, code, emoji codes) says nothing about a behaviour. */
export function evidenceText(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Scores each item against each competency's example behaviours with the sentence encoder: a competency's
 * score is its closest behaviour's cosine similarity. Needs the model; there is deliberately no keyword fallback.
 */
export async function mapEvidenceToCompetencies(
  items: readonly EvidenceItem[],
  competencies: readonly RubricCompetency[],
  embed: EmbedTexts,
  options: MappingOptions = {},
): Promise<MappedEvidence[]> {
  const topK = options.topK ?? MAPPING_DEFAULTS.topK;
  const minScore = options.minScore ?? MAPPING_DEFAULTS.minScore;
  if (items.length === 0) return [];
  if (competencies.length === 0) return items.map((item) => ({ item, matches: [] }));

  const phrases = await embedPhrases(
    competencies.flatMap((c) => c.behaviours),
    embed,
  );
  const texts = items.map((item) => evidenceText(item.message.text));
  const readable = texts.map((text, i) => ({ text, i })).filter(({ text }) => text.length > 0);
  const vectors = await embed(readable.map(({ text }) => text));
  const vectorOf = new Map(readable.map(({ i }, n) => [i, vectors[n]]));

  return items.map((item, i) => {
    const vector = vectorOf.get(i);
    if (!vector) return { item, matches: [] };
    const matches = competencies
      .map((competency): CompetencyMatch => {
        let best = { behaviour: competency.behaviours[0], score: -Infinity };
        for (const behaviour of competency.behaviours) {
          const score = cosineSimilarity(vector, phrases.get(behaviour)!);
          if (score > best.score) best = { behaviour, score };
        }
        return { competency, ...best };
      })
      .filter((match) => match.score >= minScore)
      .sort((a, b) => b.score - a.score)
      .slice(0, topK);
    return { item, matches };
  });
}
