import type { EvidenceItem } from '../signals/types';
import { NONE_CLASS, competencyHeadSchema, predictCompetency, type CompetencyHead } from './competencyHead';
import shippedHeadJson from './competency-head.json';
import { evidenceText } from './evidenceText';
import type { RubricCompetency } from './schema';

export { evidenceText };

/** Trained by `npm run train:rubric`; validated once at load like any other boundary. */
export const SHIPPED_COMPETENCY_HEAD: CompetencyHead = competencyHeadSchema.parse(shippedHeadJson);

export type EmbedTexts = (texts: string[]) => Promise<Float32Array[]>;

export interface CompetencyMatch {
  competency: RubricCompetency;
  /** The competency's example behaviour the evidence reads closest to. */
  behaviour: string;
  /** Cosine similarity between the evidence text and that behaviour, in [-1, 1]: which level it reads like. */
  similarity: number;
  /** How sure the mapping is that the evidence is about this competency, in [0, 1]. */
  score: number;
  /** The trained head decided, or (for competencies the head does not know) similarity to the behaviours. */
  method: 'head' | 'similarity';
}

export interface MappedEvidence {
  item: EvidenceItem;
  /**
   * The one competency the evidence is about, once per level passed in (closest level first); empty when the
   * mapping is not sure enough: such evidence is "Other evidence", never forced into a competency.
   */
  matches: CompetencyMatch[];
}

export const MAPPING_DEFAULTS = {
  /**
   * For a rubric whose competencies the shipped head does not know (an imported framework): the cosine
   * similarity to a behaviour needed to file evidence under it. On the IC tuning pairs similarity alone
   * reaches only 0.63 precision at this bar (README), so it is used only where no head applies.
   */
  minSimilarity: 0.6,
} as const;

export interface MappingOptions {
  /** The trained head; defaults to the shipped one. */
  head?: CompetencyHead;
  /** Overrides the head's own threshold (tests, evaluation). */
  threshold?: number;
  minSimilarity?: number;
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

interface Closest {
  competency: RubricCompetency;
  behaviour: string;
  similarity: number;
}

function closestBehaviour(vector: Float32Array, competency: RubricCompetency, phrases: Map<string, Float32Array>): Closest {
  let best: Closest = { competency, behaviour: competency.behaviours[0], similarity: -Infinity };
  for (const behaviour of competency.behaviours) {
    const similarity = cosineSimilarity(vector, phrases.get(behaviour)!);
    if (similarity > best.similarity) best = { competency, behaviour, similarity };
  }
  return best;
}

/**
 * Files each item under at most one competency. The trained head (lib/rubric/competencyHead.ts) says which
 * competency of the track the evidence is about, or none, and how sure; under its threshold the item has no
 * match. The behaviours then say which of the levels passed in it reads closest to. Competencies the head does
 * not know (a custom rubric with its own ids) are matched by behaviour similarity alone, with a high bar.
 * Needs the model; there is deliberately no keyword fallback.
 */
export async function mapEvidenceToCompetencies(
  items: readonly EvidenceItem[],
  competencies: readonly RubricCompetency[],
  embed: EmbedTexts,
  options: MappingOptions = {},
): Promise<MappedEvidence[]> {
  if (items.length === 0) return [];
  if (competencies.length === 0) return items.map((item) => ({ item, matches: [] }));
  const model = options.head ?? SHIPPED_COMPETENCY_HEAD;
  const head = model.tracks[competencies[0].track];
  const known = competencies.filter((c) => head.classes.includes(c.id));
  const threshold = options.threshold ?? head.threshold;
  const minSimilarity = options.minSimilarity ?? MAPPING_DEFAULTS.minSimilarity;

  const phrases = await embedPhrases(
    competencies.flatMap((c) => c.behaviours),
    embed,
  );
  const texts = items.map((item) => evidenceText(item.message.text));
  const readable = texts.map((text, i) => ({ text, i })).filter(({ text }) => text.length > 0);
  const vectors = await embed(readable.map(({ text }) => text));
  const vectorOf = new Map(readable.map(({ i }, n) => [i, vectors[n]]));
  if (known.length > 0 && vectors.length > 0 && vectors[0].length !== head.inputs) {
    throw new Error(`The sentence encoder gives vectors of ${vectors[0].length} numbers; the rubric head was trained on ${head.inputs} (${model.encoder})`);
  }

  return items.map((item, i) => {
    const vector = vectorOf.get(i);
    if (!vector) return { item, matches: [] };
    const closest = competencies.map((c) => closestBehaviour(vector, c, phrases)).sort((a, b) => b.similarity - a.similarity);
    const filed: CompetencyMatch[] = [];
    if (known.length > 0) {
      const best = predictCompetency(head, vector).find((p) => p.id === NONE_CLASS || known.some((c) => c.id === p.id))!;
      if (best.id !== NONE_CLASS && best.probability >= threshold) {
        for (const c of closest) if (c.competency.id === best.id) filed.push({ ...c, score: best.probability, method: 'head' });
      }
    }
    const unknown = closest.find((c) => !head.classes.includes(c.competency.id));
    if (filed.length === 0 && unknown && unknown.similarity >= minSimilarity) {
      for (const c of closest) if (c.competency.id === unknown.competency.id) filed.push({ ...c, score: c.similarity, method: 'similarity' });
    }
    return { item, matches: filed };
  });
}
