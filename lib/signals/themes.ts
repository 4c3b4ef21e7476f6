import type { EvidenceItem } from './types';

export interface Theme {
  /** A word or two-word phrase, lower case. */
  theme: string;
  /** Number of distinct messages it appears in. */
  count: number;
  /** Keys of up to `examples` messages it appears in, newest first. */
  exampleKeys: string[];
}

export interface ThemeOptions {
  limit?: number;
  minCount?: number;
  examples?: number;
}

// Function words, plus the praise words every recognition shares: a theme is what the praise is about.
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing done down during each even ever every few for from further get got had has
  have having he her here hers herself him himself his how i if in into is it its itself just let like made make
  me more most much my myself no nor not now of off on once only or other our ours ourselves out over own really
  same she should so some still such than that the their theirs them themselves then there these they this those
  through to too under until up us very was we were what when where which while who whom why will with would you
  your yours yourself yourselves today yesterday tomorrow week weeks day days time one two way lot lots back
  thanks thank thx ty kudos shoutout shout huge big great awesome amazing nice good well job work done fantastic
  excellent incredible wonderful love loved appreciate appreciated appreciation props congrats congratulations
  team everyone folks all-hands helping help helped`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const URL = /\bhttps?:\/\/\S+/gi;
const EMOJI_CODE = /:[a-z0-9_+-]+:/gi;

/** Runs of content words: a stopword, mention, link or punctuation boundary breaks a phrase. */
function contentRuns(item: EvidenceItem): string[][] {
  let text = item.message.text.replace(URL, ' . ').replace(EMOJI_CODE, ' . ');
  for (const mention of item.message.mentions) {
    if (mention.label) text = text.split(mention.label).join(' . ');
  }
  const runs: string[][] = [];
  for (const clause of text.toLowerCase().split(/[.,;:!?()[\]{}"“”\n]+|\s@\S+/u)) {
    let run: string[] = [];
    for (const raw of clause.match(WORD) ?? []) {
      const word = raw.replace(/['’]s$/u, '').replace(/[-'’]+$/u, '');
      if (word.length < 3 || /^\d+$/.test(word) || STOPWORDS.has(word)) {
        if (run.length) runs.push(run);
        run = [];
      } else {
        run.push(word);
      }
    }
    if (run.length) runs.push(run);
  }
  return runs;
}

/**
 * Words and two-word phrases that recur across recognition messages, counted once per message.
 * A word is left out when a chosen phrase containing it covers every message it appears in.
 */
export function recurringThemes(items: readonly EvidenceItem[], options: ThemeOptions = {}): Theme[] {
  const { limit = 5, minCount = 2, examples = 3 } = options;
  const recognition = items
    .filter((item) => item.label === 'recognition' && !item.dismissed)
    .sort((a, b) => b.message.sentAt - a.message.sentAt);

  const seenIn = new Map<string, string[]>();
  for (const item of recognition) {
    const terms = new Set<string>();
    for (const run of contentRuns(item)) {
      run.forEach((word, i) => {
        terms.add(word);
        if (i > 0) terms.add(`${run[i - 1]} ${word}`);
      });
    }
    for (const term of terms) {
      const keys = seenIn.get(term);
      if (keys) keys.push(item.key);
      else seenIn.set(term, [item.key]);
    }
  }

  const candidates = [...seenIn]
    .filter(([, keys]) => keys.length >= minCount)
    .sort(
      ([a, ak], [b, bk]) =>
        bk.length - ak.length || b.split(' ').length - a.split(' ').length || a.localeCompare(b),
    );

  const chosen: Theme[] = [];
  for (const [term, keys] of candidates) {
    if (chosen.length >= limit) break;
    const covered = chosen.some(
      (theme) => theme.theme.split(' ').includes(term) && theme.count >= keys.length,
    );
    if (!covered) chosen.push({ theme: term, count: keys.length, exampleKeys: keys.slice(0, examples) });
  }
  return chosen;
}
