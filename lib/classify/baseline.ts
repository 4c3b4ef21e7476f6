import { LABELS, type Label } from '../store/schema';
import { topLabel, type MessageClassifier, type Prediction } from './classifier';
import { normaliseMessageText } from './message-text';

/** Cue words and phrases per label, matched on word boundaries, case-insensitively. */
const LEXICON: Record<Exclude<Label, 'other'>, string[]> = {
  recognition: [
    'thank', 'thanks', 'thx', 'kudos', 'shoutout', 'shout-out', 'shout out', 'great job', 'great work', 'nice work',
    'well done', 'amazing', 'awesome', 'nailed', 'credit', 'grateful', 'appreciate', 'props', 'hero', 'congrats',
    'congratulations', 'brilliant', 'fantastic', 'impressive',
  ],
  constructive: [
    'should have', "shouldn't", 'missing', 'misses', 'confusing', 'unclear', 'needs work', 'needs another',
    'not quite', 'concern', 'issue with', 'problem with', 'too long', 'too big', 'hard to', 'broke', 'breaks',
    'wrong', 'incorrect', 'sloppy', 'please fix', 'nit', 'regression',
  ],
  coaching: [
    'tip', 'suggest', 'advice', 'next time', 'consider', 'try to', 'you might', 'growth', 'mentor', 'learn',
    'practice', 'practise', 'career', 'goal', 'stretch', 'develop', 'feedback for you', 'in future', 'going forward',
  ],
  request: [
    'can someone', 'could someone', 'can anyone', 'could anyone', 'could you', 'can you', 'help', 'blocked',
    'blocker', 'stuck', 'need access', 'need help', 'any ideas', 'review my', 'unblock', 'please review', 'anyone know',
  ],
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PATTERNS = Object.fromEntries(
  Object.entries(LEXICON).map(([label, cues]) => [label, cues.map((cue) => new RegExp(`\\b${escape(cue)}\\b`, 'i'))]),
) as Record<Exclude<Label, 'other'>, RegExp[]>;

/** Counts cue hits per label; no hits means `other`. Scores are hit shares, so they sum to 1. */
export function classifyByKeywords(text: string): Prediction {
  const normalised = normaliseMessageText(text);
  const hits = Object.fromEntries(LABELS.map((label) => [label, 0])) as Record<Label, number>;
  for (const [label, patterns] of Object.entries(PATTERNS) as Array<[Label, RegExp[]]>) {
    hits[label] = patterns.filter((p) => p.test(normalised)).length;
  }
  const total = LABELS.reduce((sum, l) => sum + hits[l], 0);
  if (total === 0) hits.other = 1;
  const sum = total === 0 ? 1 : total;
  const scores = Object.fromEntries(LABELS.map((label) => [label, hits[label] / sum])) as Record<Label, number>;
  return { label: topLabel(scores), scores };
}

/** The plain keyword baseline that eval reports beside the model. */
export const keywordClassifier: MessageClassifier = {
  modelId: 'keyword-baseline@1',
  classify: async (texts) => texts.map(classifyByKeywords),
};
