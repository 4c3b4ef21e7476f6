import { writeTransaction, type AspenDb } from './db';
import { suggestReportsFromMessages, type ReportSuggestion } from '../signals/suggestReports';
import { personSchema, storedMessageSchema, type Person, type StoredMessage } from './schema';
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
  /** A sender header's name beats a mention's label. */
  nameFromHeader: boolean;
  messagesSent: number;
  mentionedIn: number;
  lastSeenAt: number;
}

function sightingsOf(messages: readonly StoredMessage[]): Map<string, Sighting> {
  const people = new Map<string, Sighting>();
  const see = (id: string, teamId: string, name: string, fromHeader: boolean, sentAt: number): Sighting => {
    const known = people.get(id) ?? { teamId, name: '', nameFromHeader: false, messagesSent: 0, mentionedIn: 0, lastSeenAt: sentAt };
    if (name !== '' && (known.name === '' || (fromHeader && !known.nameFromHeader))) {
      known.name = name;
      known.nameFromHeader = fromHeader;
    }
    known.lastSeenAt = Math.max(known.lastSeenAt, sentAt);
    people.set(id, known);
    return known;
  };
  for (const message of messages) {
    if (message.authorId !== '') see(message.authorId, message.teamId, message.authorName, !message.authorInferred, message.sentAt).messagesSent += 1;
    for (const mention of message.mentions) {
      see(mention.id, message.teamId, mention.label.replace(/^@/, ''), false, message.sentAt).mentionedIn += 1;
    }
  }
  return people;
}

async function readMessagesAndPeople(db: AspenDb): Promise<{ messages: StoredMessage[]; saved: Person[] }> {
  const tx = db.transaction(['messages', 'people']);
  const [messages, saved] = await Promise.all([tx.objectStore('messages').getAll(), tx.objectStore('people').getAll(), tx.done]);
  return { messages: validRows(storedMessageSchema, messages), saved: validRows(personSchema, saved) };
}

function mergeKnown(messages: readonly StoredMessage[], saved: readonly Person[]): Map<string, KnownPerson> {
  const known = new Map<string, KnownPerson>();
  for (const [id, seen] of sightingsOf(messages)) {
    known.set(id, {
      id,
      teamId: seen.teamId,
      name: seen.name,
      ...PERSON_DEFAULTS,
      saved: false,
      messagesSent: seen.messagesSent,
      mentionedIn: seen.mentionedIn,
      lastSeenAt: seen.lastSeenAt,
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

/** Everyone seen in messages (authors, mentions) or saved by the manager, saved details winning; by name. */
export type { ReportSuggestion };

export async function knownPeople(db: AspenDb): Promise<KnownPerson[]> {
  const { messages, saved } = await readMessagesAndPeople(db);
  return [...mergeKnown(messages, saved).values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * People ranked by how much the manager talks with them (DMs, mentions either way), as candidates for
 * "reports to me". The ranking itself is lib/signals' rule; this reads every stored message for it.
 */
export async function suggestReports(
  db: AspenDb,
  selfId: string,
  options?: Parameters<typeof suggestReportsFromMessages>[2],
): Promise<ReportSuggestion[]> {
  const messages = validRows(storedMessageSchema, await db.getAll('messages'));
  return suggestReportsFromMessages(selfId, messages, options);
}
