import { LABELS, type Label } from '../../lib/store/schema';
import { OverlapIndex, PEOPLE_NAMES, normaliseForOverlap, type LabelledExample } from './dataset';
import { slotFillersForSplit, templatesForSplit, type MessageTemplate, type TemplatedSplit } from './templates';
import { seededRandom } from '../../lib/seeded-random';

export type { TemplatedSplit };
export const LABELLED_DATA_SEED = 20_240_611;

/** Rows per label. `other` is the largest class, as in a real workspace. */
export const SPLIT_TARGETS: Record<TemplatedSplit, Record<Label, number>> = {
  train: { recognition: 175, constructive: 175, coaching: 175, request: 175, other: 300 },
  validation: { recognition: 38, constructive: 38, coaching: 38, request: 38, other: 64 },
};

/** No template may produce more than this share of a split, so a model cannot score by memorising a few. */
export const MAX_TEMPLATE_SHARE = 0.02;

type Rng = () => number;


const pick = <T>(items: readonly T[], rng: Rng): T => items[Math.floor(rng() * items.length)]!;

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Expands one template: alternations first, then slots, whose fillers may hold slots of their own. */
function renderTemplate(text: string, split: TemplatedSplit, rng: Rng): string {
  const usedFillers = new Map<string, Set<string>>();
  const usedNames = new Set<string>();
  const freshName = () => {
    const unused = PEOPLE_NAMES.filter((n) => !usedNames.has(n));
    const name = pick(unused, rng);
    usedNames.add(name);
    return name;
  };
  const fill = (slot: string): string => {
    if (slot === '@') return `@${freshName()}`;
    if (slot === 'name') return freshName();
    if (slot === 'n') return String(1000 + Math.floor(rng() * 9000));
    if (slot === 'count') return String(3 + Math.floor(rng() * 93));
    const fillers = slotFillersForSplit(slot, split);
    if (!fillers) throw new Error(`unknown slot {${slot}} in template "${text}"`);
    const used = usedFillers.get(slot) ?? new Set<string>();
    usedFillers.set(slot, used);
    const unused = fillers.filter((f) => !used.has(f));
    const filler = pick(unused.length > 0 ? unused : fillers, rng);
    used.add(filler);
    return expand(filler);
  };
  const expand = (s: string): string => {
    let out = s;
    const alternation = /\[([^[\]]*)\]/;
    while (alternation.test(out)) out = out.replace(alternation, (_, body: string) => pick(body.split('|'), rng));
    return out.replace(/\{(\^?)(@|\w+)\}/g, (_, cap: string, slot: string) => (cap ? capitalise(fill(slot)) : fill(slot)));
  };
  return expand(text);
}

const OPENERS: Record<Label, readonly string[]> = {
  recognition: ['Hey team! ', 'Quick one: ', 'Morning all — ', ':mega: '],
  constructive: ['Hi {@}, ', 'Quick note — ', 'ok so ', 'Hey — '],
  coaching: ['Hey {@} — ', 'Following up on our chat: ', 'Hi! ', 'Random thought: '],
  request: ['Hey team, ', 'Hi all — ', '@here ', 'Morning! '],
  other: ['fyi ', 'Hi all — ', '@channel ', 'Quick update: '],
};

const CLOSING_EMOJI: Record<Label, readonly string[]> = {
  recognition: [':tada:', ':raised_hands:', ':heart:', ':clap:', ':star2:', ':rocket:'],
  constructive: [':thinking_face:', ':sweat_smile:', ':eyes:', ':warning:'],
  coaching: [':bulb:', ':slightly_smiling_face:', ':seedling:', ':+1:'],
  request: [':pray:', ':sos:', ':eyes:', ':rotating_light:', ':sweat:'],
  other: [':+1:', ':coffee:', ':calendar:', ':white_check_mark:', ':wave:', ':sunny:'],
};

/** Real misspellings seen in chat; when none applies, two letters of a long word are swapped. */
const TYPOS: Record<string, string> = {
  receive: 'recieve', tomorrow: 'tommorow', definitely: 'definately', because: 'becuase',
  really: 'realy', should: 'shoudl', with: 'wiht', just: 'jsut', thanks: 'thansk', review: 'reivew',
  meeting: 'meetign', until: 'untill', their: 'thier', separate: 'seperate', anyone: 'anyoen',
};

function addTypo(text: string, rng: Rng): string {
  const known = Object.keys(TYPOS).filter((w) => new RegExp(`\\b${w}\\b`).test(text));
  if (known.length > 0) {
    const word = pick(known, rng);
    return text.replace(new RegExp(`\\b${word}\\b`), TYPOS[word]!);
  }
  const long = [...text.matchAll(/(?<![@#/`\w])[a-z]{7,}\b/g)];
  if (long.length === 0) return text;
  const match = pick(long, rng);
  const word = match[0];
  const at = 2 + Math.floor(rng() * (word.length - 4));
  const swapped = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return text.slice(0, match.index) + swapped + text.slice(match.index! + word.length);
}

/** Lowercases everything but @mentions: people type lowercase, Slack keeps display names as they are. */
const lowercaseExceptMentions = (text: string) =>
  text.replace(/(@[\p{L}][\p{L}'-]*)|([^@]+|@)/gu, (_, mention: string | undefined, rest: string | undefined) =>
    mention ?? rest!.toLowerCase(),
  );

/** The surface variety of real chat: openers, emoji, lowercase, typos, dropped full stops. */
function decorate(template: MessageTemplate, split: TemplatedSplit, rng: Rng): string {
  const opensWithMention = template.text.startsWith('{@}') || template.text.startsWith('@');
  const opener = !opensWithMention && rng() < 0.15 ? pick(OPENERS[template.label], rng) : '';
  // After an opener a sentence-case word reads wrong ("Hi all — Agreed"); acronyms and "I" keep their case.
  const body = opener && /^[A-Z][a-z]/.test(template.text) ? template.text[0]!.toLowerCase() + template.text.slice(1) : template.text;
  let text = renderTemplate(opener + body, split, rng).replace(/\s+/g, ' ').trim();
  if (rng() < 0.2) text = text.replace(/\.$/, '');
  if (rng() < 0.25 && !/:[\w+-]+:$/.test(text)) text = `${text} ${pick(CLOSING_EMOJI[template.label], rng)}`;
  if (rng() < 0.22) text = lowercaseExceptMentions(text);
  if (rng() < 0.12) text = addTypo(text, rng);
  return text;
}

export interface GeneratedSplits {
  train: LabelledExample[];
  validation: LabelledExample[];
  /** Rows each template produced, per split: the evidence for MAX_TEMPLATE_SHARE. */
  templateUsage: Record<TemplatedSplit, Map<string, number>>;
}

const ATTEMPTS_PER_ROW = 40;

function generateSplit(
  split: TemplatedSplit,
  exclude: OverlapIndex,
  rng: Rng,
): { rows: LabelledExample[]; usage: Map<string, number> } {
  const targets = SPLIT_TARGETS[split];
  const splitSize = LABELS.reduce((sum, l) => sum + targets[l], 0);
  const cap = Math.floor(MAX_TEMPLATE_SHARE * splitSize);
  const usage = new Map<string, number>();
  const seen = new Set<string>();
  const rows: Omit<LabelledExample, 'id'>[] = [];

  for (const label of LABELS) {
    let open = shuffled(templatesForSplit(split).filter((t) => t.label === label), rng);
    let produced = 0;
    for (let turn = 0; produced < targets[label]; turn++) {
      if (open.length === 0) throw new Error(`${split}/${label}: templates exhausted after ${produced} rows`);
      const template = open[turn % open.length]!;
      let text: string | null = null;
      for (let attempt = 0; attempt < ATTEMPTS_PER_ROW && text === null; attempt++) {
        const candidate = decorate(template, split, rng);
        const normalised = normaliseForOverlap(candidate);
        if (!seen.has(normalised) && !exclude.hasNearDuplicateOf(candidate)) {
          seen.add(normalised);
          text = candidate;
        }
      }
      const used = (usage.get(template.id) ?? 0) + (text === null ? 0 : 1);
      usage.set(template.id, used);
      if (text !== null) {
        rows.push({ text, label });
        produced++;
      }
      if (text === null || used >= cap) open = open.filter((t) => t !== template);
    }
  }
  const ids = shuffled(rows, rng).map((row, i) => ({ ...row, id: `${split}-${String(i + 1).padStart(4, '0')}` }));
  return { rows: ids, usage };
}

/**
 * Builds train and validation from disjoint template sets. Nothing generated may be a near-duplicate of
 * `exclude` (the hand-written test split and the clear examples), and validation nothing of train.
 */
export function generateTemplatedSplits(exclude: readonly LabelledExample[], seed = LABELLED_DATA_SEED): GeneratedSplits {
  const rng = seededRandom(seed);
  const index = new OverlapIndex(exclude);
  const train = generateSplit('train', index, rng);
  for (const row of train.rows) index.add(row);
  const validation = generateSplit('validation', index, rng);
  return {
    train: train.rows,
    validation: validation.rows,
    templateUsage: { train: train.usage, validation: validation.usage },
  };
}
