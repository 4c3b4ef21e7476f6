import type { IDBPTransaction } from 'idb';
import { writeTransaction, type AspenDb, type AspenSchema } from './db';
import { inferSelfId, suggestReportsFromMessages, type ReportSuggestion } from '../signals/suggestReports';
import { personSchema, sentAtFromKey, storedMessageSchema, type Person, type StoredMessage } from './schema';
import { validRows } from './validation';

export async function getPerson(db: AspenDb, id: string): Promise<Person | undefined> {
  const parsed = personSchema.safeParse(await db.get('people', id));
  return parsed.success ? parsed.data : undefined;
}

export async function listPeople(db: AspenDb): Promise<Person[]> {
  return validRows(personSchema, await db.getAll('people'));
}

export async function savePerson(db: AspenDb, person: Person): Promise<Person> {
  const valid = personSchema.parse(person);
  await writeTransaction(db, ['people'], (tx) => tx.objectStore('people').put(valid));
  return valid;
}

export const PERSON_DEFAULTS = { isReport: false, track: 'ic', level: 2, lastOneOnOne: null } as const satisfies Partial<Person>;

/**
 * The signed-in Slack user as a person, for their own view and self-review: their saved or seen record, else a
 * bare one until Aspen sees them in a message; null while Aspen does not know who is signed in.
 */
export function selfPerson(people: readonly Person[], selfId: string | null): Person | null {
  if (selfId === null) return null;
  return people.find((person) => person.id === selfId) ?? { id: selfId, teamId: '', name: '', ...PERSON_DEFAULTS };
}

export interface KnownPerson extends Person {
  /** Whether the manager has saved this person (level, track, report flag), or they are only seen in messages. */
  saved: boolean;
  messagesSent: number;
  mentionedIn: number;
  /** sentAt of the latest message by or mentioning them; null for a saved person never seen. */
  lastSeenAt: number | null;
}

interface Sighting {
  teamId: string;
  name: string;
  messagesSent: number;
  mentionedIn: number;
  lastSeenAt: number;
}

type PeopleTx = IDBPTransaction<AspenSchema, ['messages', 'people'], 'readonly'>;

const mentionName = (message: StoredMessage, id: string): string =>
  message.mentions.find((mention) => mention.id === id && mention.label !== '')?.label.replace(/^@/, '') ?? '';

/**
 * Everyone who wrote a message, one index step each: their count, latest message, and name — from the newest
 * sender header, else the newest guessed author name.
 */
async function authorSightings(tx: PeopleTx): Promise<Map<string, Sighting>> {
  const byAuthor = tx.objectStore('messages').index('authorSentAt');
  const ids: string[] = [];
  // [id, Infinity] sorts after every [id, sentAt]: the cursor jumps straight to the next author.
  for (let cursor = await byAuthor.openKeyCursor(); cursor; cursor = await cursor.continue([cursor.key[0], Infinity])) {
    if (cursor.key[0] !== '') ids.push(cursor.key[0]);
  }
  const sightings = await Promise.all(
    ids.map(async (id): Promise<[string, Sighting] | null> => {
      const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
      const [messagesSent, named] = await Promise.all([byAuthor.count(range), newestName(range)]);
      return named ? [id, { ...named, messagesSent, mentionedIn: 0 }] : null;
    }),
  );
  return new Map(sightings.filter((entry) => entry !== null));

  async function newestName(range: IDBKeyRange): Promise<Pick<Sighting, 'teamId' | 'name' | 'lastSeenAt'> | null> {
    let found: Pick<Sighting, 'teamId' | 'name' | 'lastSeenAt'> | null = null;
    for (let cursor = await byAuthor.openCursor(range, 'prev'); cursor; cursor = await cursor.continue()) {
      const message = storedMessageSchema.safeParse(cursor.value);
      if (!message.success) continue;
      const { teamId, authorName, authorInferred, sentAt } = message.data;
      found ??= { teamId, name: '', lastSeenAt: sentAt };
      if (found.name === '') found.name = authorName;
      if (authorName !== '' && !authorInferred) return { ...found, name: authorName };
    }
    return found;
  }
}

/** Everyone mentioned, one index step each: how many messages mention them, the latest, and a label for a name. */
async function mentionSightings(tx: PeopleTx): Promise<Map<string, Sighting>> {
  const messages = tx.objectStore('messages');
  const byMention = messages.index('mentionIds');
  const ids: string[] = [];
  for (let cursor = await byMention.openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) {
    // Unresolved mentions (no member id) share the key '': they are nobody until the manager credits them.
    if (cursor.key !== '') ids.push(cursor.key);
  }
  const sightings = await Promise.all(
    ids.map(async (id): Promise<[string, Sighting] | null> => {
      const newestFirst = (await byMention.getAllKeys(id)).sort((a, b) => sentAtFromKey(b) - sentAtFromKey(a));
      let found: Sighting | null = null;
      for (const key of newestFirst) {
        const message = storedMessageSchema.safeParse(await messages.get(key));
        if (!message.success) continue;
        found ??= { teamId: message.data.teamId, name: '', messagesSent: 0, mentionedIn: newestFirst.length, lastSeenAt: message.data.sentAt };
        found.name = mentionName(message.data, id);
        if (found.name !== '') break;
      }
      return found ? [id, found] : null;
    }),
  );
  return new Map(sightings.filter((entry) => entry !== null));
}

function mergeKnown(authors: Map<string, Sighting>, mentioned: Map<string, Sighting>, saved: readonly Person[]): Map<string, KnownPerson> {
  const known = new Map<string, KnownPerson>();
  for (const id of new Set([...authors.keys(), ...mentioned.keys()])) {
    const wrote = authors.get(id);
    const named = mentioned.get(id);
    const seen = (wrote ?? named)!;
    known.set(id, {
      id,
      teamId: seen.teamId,
      // A name an author went by beats a mention's label.
      name: wrote?.name || named?.name || '',
      ...PERSON_DEFAULTS,
      saved: false,
      messagesSent: wrote?.messagesSent ?? 0,
      mentionedIn: named?.mentionedIn ?? 0,
      lastSeenAt: Math.max(wrote?.lastSeenAt ?? -Infinity, named?.lastSeenAt ?? -Infinity),
    });
  }
  for (const person of saved) {
    const seen = known.get(person.id);
    known.set(person.id, {
      ...person,
      name: person.name !== '' ? person.name : (seen?.name ?? ''),
      saved: true,
      messagesSent: seen?.messagesSent ?? 0,
      mentionedIn: seen?.mentionedIn ?? 0,
      lastSeenAt: seen?.lastSeenAt ?? null,
    });
  }
  return known;
}

export type { ReportSuggestion };

/**
 * The named people of one workspace, most recently seen first, at most `limit`: what a Slack tab resolves
 * mentions against when Slack's markup gives a mention only a name.
 */
export async function namedPeople(db: AspenDb, teamId: string, limit: number): Promise<Array<{ id: string; name: string }>> {
  return (await knownPeople(db))
    .filter((person) => person.teamId === teamId && person.name !== '')
    .sort((a, b) => (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0))
    .slice(0, limit)
    .map(({ id, name }) => ({ id, name }));
}

/**
 * Everyone seen in messages (authors, mentions) or saved by the manager, saved details winning; by name.
 * Read through the author and mention indexes, a few steps per person, never a scan of every message.
 */
export async function knownPeople(db: AspenDb): Promise<KnownPerson[]> {
  const tx = db.transaction(['messages', 'people']);
  const [authors, mentioned, saved] = await Promise.all([authorSightings(tx), mentionSightings(tx), tx.objectStore('people').getAll(), tx.done]);
  return [...mergeKnown(authors, mentioned, validRows(personSchema, saved)).values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/**
 * People ranked by how much the manager talks with them (DMs, mentions either way), as candidates for
 * "reports to me"; `selfId` null when settings do not know the manager yet, who is then inferred from the DMs.
 * The ranking itself is lib/signals' rule; this reads every stored message for it.
 */
export async function suggestReports(
  db: AspenDb,
  selfId: string | null,
  options?: Parameters<typeof suggestReportsFromMessages>[2],
): Promise<ReportSuggestion[]> {
  const messages = validRows(storedMessageSchema, await db.getAll('messages'));
  const manager = selfId ?? inferSelfId(messages);
  return manager ? suggestReportsFromMessages(manager, messages, options) : [];
}
