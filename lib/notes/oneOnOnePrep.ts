import type { EvidenceItem } from '../signals/types';
import { isSignalFor } from '../signals/personSignals';
import { DAY_MS } from '../signals/period';
import type { Note, Person } from '../store/schema';
import { citeMessage, extractQuote, isoDate, type Citation } from './citations';
import { authoredBy, newestFirst, reactionCount, receivedBy, within } from './evidence';
import { citationsMarkdown, escapeMarkdown } from './markdown';

export const PREP_DEFAULTS = {
  /** Looking back this far when no 1:1 is on record. */
  lookbackDays: 14,
  /** No signal for this many days turns into a question about what is going on. */
  silentDays: 21,
  /** Blockers asked about one by one; beyond this they are asked about together. */
  blockerQuestions: 2,
  /** This many asks since the last 1:1 suggests something systemic. */
  manyBlockers: 3,
  maxQuestions: 6,
} as const;

export type PrepSectionId = 'celebrate' | 'feedback' | 'blockers' | 'follow-ups' | 'questions';

export interface PrepItem {
  id: string;
  text: string;
  citations: Citation[];
}

export interface PrepSection {
  id: PrepSectionId;
  title: string;
  /** Shown when the section has nothing, so an empty section reads as checked rather than broken. */
  emptyText: string;
  items: PrepItem[];
}

export interface OneOnOnePrep {
  personId: string;
  personName: string;
  since: number;
  now: number;
  sections: PrepSection[];
}

export interface PrepOptions {
  now: number;
  /** Defaults to the person's last 1:1, else PREP_DEFAULTS.lookbackDays ago. */
  since?: number;
}

/**
 * Lines in a note that ask for later action: "- [ ] …", "TODO …", "follow up …", "action: …", "next time …".
 * The checkbox and "TODO" are markup and are dropped; "follow up with design" keeps its verb.
 */
const FOLLOW_UP_PREFIXES = [
  /^\s*(?:[-*+]\s+)?\[ \]\s*/,
  /^\s*(?:[-*+]\s+)?TODO\b[:\s-]*/i,
  /^\s*(?:[-*+]\s+)?(?=(?:follow[ -]?up|action(?: item)?|next time)\b)/i,
];
/** A ticked box ("- [x] …") closes the follow-up with the same text in older notes. */
const DONE_PREFIX = /^\s*(?:[-*+]\s+)?\[[xX]\]\s*/;

function openFollowUp(line: string): string | null {
  for (const prefix of FOLLOW_UP_PREFIXES) {
    const match = prefix.exec(line);
    if (match) return line.slice(match[0].length).trim() || null;
  }
  return null;
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Open follow-ups from the person's notes, newest note first, each once, minus those ticked off later. */
export function followUpsFromNotes(notes: readonly Note[], personId: string, now: number): PrepItem[] {
  const own = notes.filter((n) => n.personId === personId && n.createdAt <= now).sort((a, b) => b.updatedAt - a.updatedAt);
  const done = new Set<string>();
  const seen = new Set<string>();
  const items: PrepItem[] = [];
  for (const note of own) {
    for (const line of note.body.split(/\r?\n/)) {
      const ticked = DONE_PREFIX.exec(line);
      if (ticked) {
        done.add(normalise(line.slice(ticked[0].length)));
        continue;
      }
      const text = openFollowUp(line);
      if (text === null || seen.has(normalise(text)) || done.has(normalise(text))) continue;
      seen.add(normalise(text));
      items.push({ id: `follow-up-${note.id}-${items.length}`, text, citations: [{ kind: 'note', noteId: note.id, at: note.createdAt }] });
    }
  }
  return items;
}

function evidenceItem(prefix: string, item: EvidenceItem, text: string): PrepItem {
  return { id: `${prefix}-${item.key}`, text, citations: [citeMessage(item)] };
}

function suggestedQuestions(
  person: Person,
  recognition: EvidenceItem[],
  feedback: EvidenceItem[],
  blockers: EvidenceItem[],
  lastSignalAt: number | null,
  now: number,
  sinceWeTalked: string,
): PrepItem[] {
  const d = PREP_DEFAULTS;
  const questions: PrepItem[] = [];
  const add = (id: string, text: string, cited: EvidenceItem[]) =>
    questions.push({ id: `question-${id}`, text, citations: cited.map(citeMessage) });

  for (const blocker of blockers.slice(0, d.blockerQuestions)) {
    add(`blocker-${blocker.key}`, `Is this still blocking you: “${extractQuote(blocker.message.text)}”? What would clear it?`, [blocker]);
  }
  if (blockers.length >= d.manyBlockers) {
    add('blockers-pattern', `You raised ${blockers.length} asks ${sinceWeTalked}. Is something slowing you down that I should take on?`, blockers);
  }
  const coaching = feedback.find((f) => f.label === 'coaching');
  if (coaching) {
    add(`growth-${coaching.key}`, `How is it going with the advice from ${coaching.message.authorName || 'a colleague'}: “${extractQuote(coaching.message.text, person.name)}”? Want to work on it together?`, [coaching]);
  }
  const constructive = feedback.find((f) => f.label === 'constructive');
  if (constructive) {
    add(`feedback-${constructive.key}`, `How did the feedback from ${constructive.message.authorName || 'a colleague'} land, and what support would help?`, [constructive]);
  }
  const highlight = [...recognition].sort((a, b) => reactionCount(b) - reactionCount(a) || newestFirst(a, b))[0];
  if (highlight) {
    add(`celebrate-${highlight.key}`, `What made this go well, and who else should hear about it: “${extractQuote(highlight.message.text, person.name)}”?`, [highlight]);
  } else {
    add('proud', `Nothing in Slack recognized your work ${sinceWeTalked}. What are you proud of that I may have missed?`, []);
  }
  const silentDays = lastSignalAt === null ? null : Math.floor((now - lastSignalAt) / DAY_MS);
  if (silentDays === null || silentDays >= d.silentDays) {
    const span = silentDays === null ? 'at all' : `in ${silentDays} days`;
    add('silence', `I haven't seen feedback or asks from you in Slack ${span}. How are things going, and what are you working on?`, []);
  }
  return questions.slice(0, d.maxQuestions);
}

/**
 * The last 1:1 as the manager enters it (a date field's `YYYY-MM-DD`): the start of that day in UTC, the
 * calendar the prep's dates are written in, so the prep counts the whole day; null for an empty field.
 */
export function lastOneOnOneFromDate(value: string, now: number): { ok: true; lastOneOnOne: number | null } | { ok: false; problem: string } {
  if (value === '') return { ok: true, lastOneOnOne: null };
  const ms = /^\d{4}-\d\d-\d\d$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (!Number.isFinite(ms)) return { ok: false, problem: `${value} is not a date.` };
  if (ms > now) return { ok: false, problem: 'The last 1:1 cannot be after today.' };
  return { ok: true, lastOneOnOne: ms };
}

export function buildOneOnOnePrep(person: Person, items: readonly EvidenceItem[], notes: readonly Note[], options: PrepOptions): OneOnOnePrep {
  const { now } = options;
  const since = options.since ?? person.lastOneOnOne ?? now - PREP_DEFAULTS.lookbackDays * DAY_MS;
  // With no 1:1 on record the prep looks back a fixed span, and says so rather than speak of a last 1:1.
  const fromOneOnOne = options.since !== undefined || person.lastOneOnOne !== null;
  const sinceLastOneOnOne = fromOneOnOne ? 'since the last 1:1' : `in the last ${PREP_DEFAULTS.lookbackDays} days`;
  const recent = items.filter((item) => within(item, since, now)).sort(newestFirst);

  const recognition = recent.filter((item) => receivedBy(item, person.id, 'recognition'));
  const feedback = recent.filter((item) => receivedBy(item, person.id, 'constructive') || receivedBy(item, person.id, 'coaching'));
  const blockers = recent.filter((item) => authoredBy(item, person.id, 'request'));
  const lastSignalAt = items.reduce<number | null>(
    (latest, item) =>
      isSignalFor(item, person.id) && item.message.sentAt <= now && (latest === null || item.message.sentAt > latest) ? item.message.sentAt : latest,
    null,
  );

  const from = (item: EvidenceItem) => item.message.authorName || 'Someone';
  return {
    personId: person.id,
    personName: person.name,
    since,
    now,
    sections: [
      {
        id: 'celebrate',
        title: 'What to celebrate',
        emptyText: `No recognition captured ${sinceLastOneOnOne}.`,
        items: recognition.map((item) => evidenceItem('celebrate', item, `${from(item)}: “${extractQuote(item.message.text, person.name)}”`)),
      },
      {
        id: 'feedback',
        title: 'Feedback to discuss',
        emptyText: `No constructive feedback or coaching captured ${sinceLastOneOnOne}.`,
        items: feedback.map((item) =>
          evidenceItem('feedback', item, `${item.label === 'coaching' ? 'Coaching' : 'Constructive'} from ${from(item)}: “${extractQuote(item.message.text, person.name)}”`),
        ),
      },
      {
        id: 'blockers',
        title: 'Blockers to clear',
        emptyText: `No asks or blockers raised ${sinceLastOneOnOne}.`,
        items: blockers.map((item) => evidenceItem('blocker', item, `“${extractQuote(item.message.text)}”`)),
      },
      {
        id: 'follow-ups',
        title: 'Follow-ups from your notes',
        emptyText: 'No open follow-ups in your notes.',
        items: followUpsFromNotes(notes, person.id, now),
      },
      {
        id: 'questions',
        title: 'Suggested questions',
        emptyText: 'No questions suggested.',
        items: suggestedQuestions(person, recognition, feedback, blockers, lastSignalAt, now, fromOneOnOne ? 'since we last talked' : sinceLastOneOnOne),
      },
    ],
  };
}

export function oneOnOneToMarkdown(prep: OneOnOnePrep): string {
  const lines = [`# 1:1 prep: ${escapeMarkdown(prep.personName)}`, '', `Since ${isoDate(prep.since)} (prepared ${isoDate(prep.now)})`];
  for (const section of prep.sections) {
    lines.push('', `## ${section.title}`, '');
    if (section.items.length === 0) lines.push(`_${escapeMarkdown(section.emptyText)}_`);
    for (const item of section.items) lines.push(`- ${escapeMarkdown(item.text)}${citationsMarkdown(item.citations)}`);
  }
  return `${lines.join('\n')}\n`;
}
