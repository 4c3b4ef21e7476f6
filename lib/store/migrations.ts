import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { z } from 'zod';
import { subjectsFor } from '../classify/subjects';
import { validRows } from './validation';
import {
  classificationSchema,
  messageKey,
  sentAtFromTs,
  storedMessageSchema,
  trackSchema,
  type Classification,
  type Person,
  type Settings,
  type StoredMessage,
} from './schema';

/*
 * Every layout the database has had, as upgrade steps applied in order: a fresh install runs them all,
 * an existing profile runs the ones after its version. Each step rewrites the records it reshapes and keeps
 * any record it cannot read as it was, so an upgrade never drops data.
 */

/** v1 messages: keyed `${channelId}/${ts}`, mentions as bare ids, one capture time. */
export const v1MessageSchema = z.object({
  key: z.string(),
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  channelName: z.string(),
  ts: z.string(),
  permalink: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  mentions: z.array(z.string()),
  threadTs: z.string().nullable(),
  replyCount: z.number().int().nonnegative(),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number().int().nonnegative() })),
  edited: z.boolean(),
  capturedAt: z.number(),
});
export type V1Message = z.infer<typeof v1MessageSchema>;
export const v1QueueItemSchema = z.object({ key: z.string(), enqueuedAt: z.number() });
/** v2–v7 kept the classification queue in a store of its own, one record per waiting message. */
export const v2QueueItemSchema = z.object({
  key: z.string(),
  enqueuedAt: z.number(),
  attempts: z.number().int().nonnegative(),
  leasedUntil: z.number().optional(),
});
type V2QueueItem = z.infer<typeof v2QueueItemSchema>;

/** v2 classifications had no subjects: they were worked out from mentions at read time. */
export const v2ClassificationSchema = classificationSchema.omit({ subjects: true });
export const v2PersonSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  name: z.string(),
  isReport: z.boolean(),
  track: trackSchema,
  level: z.number().int().min(1).max(10),
});
export const v2SettingsSchema = z.object({
  selfId: z.string().nullable(),
  retentionDays: z.number().int().min(7).max(3650),
});

function messageFromV1(old: V1Message): StoredMessage {
  const mentionIds = [...new Set(old.mentions)];
  return {
    key: messageKey(old),
    teamId: old.teamId,
    channelId: old.channelId,
    channelName: old.channelName,
    ts: old.ts,
    permalink: old.permalink,
    authorId: old.authorId,
    authorName: old.authorName,
    authorInferred: false,
    text: old.text,
    mentions: mentionIds.map((id) => ({ id, label: '' })),
    threadTs: old.threadTs,
    replyCount: old.replyCount,
    reactions: old.reactions,
    edited: old.edited,
    inThread: old.threadTs !== null && old.threadTs !== old.ts,
    sentAt: sentAtFromTs(old.ts),
    mentionIds,
    firstSeen: old.capturedAt,
    lastSeen: old.capturedAt,
    previousTexts: [],
  };
}
/** Reads a v1 message row as a current one (checked against the current schema too). */
export const messageFromV1Schema = v1MessageSchema.transform(messageFromV1).pipe(storedMessageSchema);

export function classificationFromV2(
  old: z.infer<typeof v2ClassificationSchema>,
  message: StoredMessage | undefined,
  parentAuthorId: string | null,
): Classification {
  return { ...old, subjects: message ? subjectsFor(message, parentAuthorId ?? undefined) : [] };
}

/** v3–v11 settings: one signed-in user for every workspace. */
export const v11SettingsSchema = v2SettingsSchema.extend({ capturePaused: z.boolean(), pauseReason: z.string().nullable() });
type V11Settings = z.infer<typeof v11SettingsSchema>;

export const personFromV2Schema = v2PersonSchema.transform((old): Person => ({ ...old, lastOneOnOne: null }));
export const settingsFromV2Schema = v2SettingsSchema.transform((old): V11Settings => ({ ...old, capturePaused: false, pauseReason: null }));

type SelfSighting = Pick<StoredMessage, 'teamId' | 'authorId' | 'mentionIds' | 'firstSeen'>;
/**
 * v11 settings as v12's: the one signed-in user goes to each workspace where a message shows them (they wrote
 * it or are mentioned), else to the first workspace seen; the current workspace is the latest of those.
 * With no message at all there is no workspace to give it: the content script reports the user again.
 */
export function settingsFromV11(old: V11Settings, messages: readonly SelfSighting[]): Settings {
  const { selfId, ...rest } = old;
  const byFirstSeen = messages.toSorted((a, b) => a.firstSeen - b.firstSeen);
  const own = byFirstSeen.filter((m) => selfId !== null && (m.authorId === selfId || m.mentionIds.includes(selfId)));
  const shown = own.length > 0 ? own : byFirstSeen.slice(0, 1);
  const latest = shown.at(-1);
  if (selfId === null || latest === undefined) return { ...rest, selfIds: {}, currentTeamId: null };
  return { ...rest, selfIds: Object.fromEntries(shown.map((m) => [m.teamId, selfId])), currentTeamId: latest.teamId };
}

/** The settings store holds one record under this key. */
export const SETTINGS_KEY = 'settings';
/** The learnedModel store holds the manager's refitted head, when there is one, under this key. */
export const LEARNED_MODEL_KEY = 'head';
/** The rubric store holds the manager's own career rubric, when they have one, under this key. */
export const CUSTOM_RUBRIC_KEY = 'custom';

type UpgradeDb = IDBPDatabase<unknown>;
export type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
interface Migration {
  version: number;
  upgrade(db: UpgradeDb, tx: UpgradeTx): Promise<void>;
}

const v1: Migration = {
  version: 1,
  async upgrade(db) {
    const messages = db.createObjectStore('messages', { keyPath: 'key' });
    messages.createIndex('authorId', 'authorId');
    db.createObjectStore('queue', { keyPath: 'key' });
  },
};

const v2: Migration = {
  version: 2,
  async upgrade(db, tx) {
    const messages = tx.objectStore('messages');
    const oldMessages: unknown[] = await messages.getAll();
    await messages.clear();
    messages.deleteIndex('authorId');
    messages.createIndex('authorSentAt', ['authorId', 'sentAt']);
    messages.createIndex('sentAt', 'sentAt');
    messages.createIndex('channel', ['teamId', 'channelId']);
    messages.createIndex('mentionIds', 'mentionIds', { multiEntry: true });
    // A thread ts is only unique inside its channel.
    messages.createIndex('threadTs', ['teamId', 'channelId', 'threadTs']);
    const newKeys = new Map<string, string>();
    for (const row of oldMessages) {
      const parsed = messageFromV1Schema.safeParse(row);
      if (parsed.success) {
        // The parse succeeded, so the row is a v1 message.
        newKeys.set((row as V1Message).key, parsed.data.key);
        await messages.put(parsed.data);
      } else {
        await messages.put(row);
      }
    }

    const queue = tx.objectStore('queue');
    const oldQueue: unknown[] = await queue.getAll();
    await queue.clear();
    for (const row of oldQueue) {
      const parsed = v1QueueItemSchema.safeParse(row);
      const item = parsed.success
        ? ({ key: newKeys.get(parsed.data.key) ?? parsed.data.key, enqueuedAt: parsed.data.enqueuedAt, attempts: 0 } satisfies V2QueueItem)
        : row;
      await queue.put(item);
    }

    db.createObjectStore('classifications', { keyPath: 'key' }).createIndex('label', 'label');
    db.createObjectStore('tags', { keyPath: 'key' });
    db.createObjectStore('people', { keyPath: 'id' });
    db.createObjectStore('settings');
  },
};

const v3: Migration = {
  version: 3,
  async upgrade(db, tx) {
    const classifications = tx.objectStore('classifications');
    classifications.createIndex('subjects', 'subjects', { multiEntry: true });
    classifications.createIndex('modelId', 'modelId');
    const messages = tx.objectStore('messages');
    for (let cursor = await classifications.openCursor(); cursor; cursor = await cursor.continue()) {
      const parsed = v2ClassificationSchema.safeParse(cursor.value);
      if (!parsed.success) continue;
      const message = storedMessageSchema.safeParse(await messages.get(parsed.data.key));
      let parentAuthorId: string | null = null;
      if (message.success && message.data.threadTs !== null && message.data.threadTs !== message.data.ts) {
        const parent = storedMessageSchema.safeParse(await messages.get(messageKey({ ...message.data, ts: message.data.threadTs })));
        parentAuthorId = parent.success ? parent.data.authorId : null;
      }
      await cursor.update(classificationFromV2(parsed.data, message.success ? message.data : undefined, parentAuthorId));
    }

    tx.objectStore('tags').createIndex('subjects', 'subjects', { multiEntry: true });
    tx.objectStore('queue').createIndex('enqueuedAt', 'enqueuedAt');

    const people = tx.objectStore('people');
    for (let cursor = await people.openCursor(); cursor; cursor = await cursor.continue()) {
      const parsed = personFromV2Schema.safeParse(cursor.value);
      if (parsed.success) await cursor.update(parsed.data);
    }
    const settings = tx.objectStore('settings');
    const storedSettings = settingsFromV2Schema.safeParse(await settings.get(SETTINGS_KEY));
    if (storedSettings.success) await settings.put(storedSettings.data, SETTINGS_KEY);

    db.createObjectStore('notes', { keyPath: 'id' }).createIndex('personId', 'personId');
    db.createObjectStore('pageEvidence', { keyPath: 'id' }).createIndex('personId', 'personId');
    db.createObjectStore('health', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
  },
};

/** v4: an index on when each message was first captured, for the panel's "captured today". */
const v4: Migration = {
  version: 4,
  async upgrade(_db, tx) {
    tx.objectStore('messages').createIndex('firstSeen', 'firstSeen');
  },
};

/** v5: a store for the manager's own career rubric, imported or edited in place of the default. */
const v5: Migration = {
  version: 5,
  async upgrade(db) {
    db.createObjectStore('rubric');
  },
};

/**
 * v6: drops the messages' channel and thread indexes. No query reads them, and every index costs a write per
 * captured message: capture is the store's busiest path. Records are untouched.
 */
const v6: Migration = {
  version: 6,
  async upgrade(_db, tx) {
    const messages = tx.objectStore('messages');
    messages.deleteIndex('channel');
    messages.deleteIndex('threadTs');
  },
};

/**
 * v7: classifications carry their message's author, indexed, so a person's timeline reads the classifications
 * of what they wrote in one index read instead of one lookup per message. Existing rows are filled in.
 */
const v7: Migration = {
  version: 7,
  async upgrade(_db, tx) {
    const classifications = tx.objectStore('classifications');
    classifications.createIndex('authorId', 'authorId');
    const messages = tx.objectStore('messages');
    for (let cursor = await classifications.openCursor(); cursor; cursor = await cursor.continue()) {
      const row = cursor.value as { key?: unknown; authorId?: unknown };
      if (typeof row.key !== 'string' || typeof row.authorId === 'string') continue;
      const message = (await messages.get(row.key)) as { authorId?: unknown } | undefined;
      if (typeof message?.authorId === 'string') await cursor.update({ ...row, authorId: message.authorId });
    }
  },
};

/**
 * v8: the queue moves onto the message records (`queue`, indexed sparsely as `queued`), so that capturing a
 * message is one write instead of two: the separate queue store cost a third of the time of a capture batch.
 * Queue items keep their time, attempts and lease. Items whose message is gone had nothing left to classify;
 * an unreadable item is dropped, as the classifier re-queues every message without a current label when it starts.
 */
const v8: Migration = {
  version: 8,
  async upgrade(db, tx) {
    const messages = tx.objectStore('messages');
    messages.createIndex('queued', 'queue.enqueuedAt');
    const items: unknown[] = await tx.objectStore('queue').getAll();
    for (const row of items) {
      const item = v2QueueItemSchema.safeParse(row);
      if (!item.success) continue;
      const message = (await messages.get(item.data.key)) as Record<string, unknown> | undefined;
      if (message === undefined) continue;
      const { key: _key, ...queue } = item.data;
      await messages.put({ ...message, queue });
    }
    db.deleteObjectStore('queue');
  },
};

/**
 * v9: the manager's examples for their own model (corrections, confirmations, Recognition tags), keyed by
 * the text as the model reads it, and the head refitted on them. Nothing existing is reshaped.
 */
const v9: Migration = {
  version: 9,
  async upgrade(db) {
    const examples = db.createObjectStore('examples', { keyPath: 'key' });
    examples.createIndex('messageKey', 'messageKey');
    examples.createIndex('addedAt', 'addedAt');
    db.createObjectStore('learnedModel');
  },
};

/** v10: each conversation's caught-up range (catch-up), one record per conversation, listed newest first. */
const v10: Migration = {
  version: 10,
  async upgrade(db) {
    db.createObjectStore('catchUp', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
  },
};

/**
 * v11: the manager's decisions about evidence in a review (moved to another competency, excluded, pinned), one
 * record per person and piece of evidence, read by person. Nothing existing is touched.
 */
const v11: Migration = {
  version: 11,
  async upgrade(db) {
    db.createObjectStore('evidenceDecisions', { keyPath: ['personId', 'itemKey'] }).createIndex('personId', 'personId');
  },
};

/**
 * v12: a store of deletions (tombstones), so an older backup cannot bring back what the manager deleted, and
 * the signed-in user kept per workspace (see settingsFromV11).
 */
const v12: Migration = {
  version: 12,
  async upgrade(db, tx) {
    db.createObjectStore('deletions', { keyPath: ['store', 'key'] }).createIndex('deletedAt', 'deletedAt');
    const settingsStore = tx.objectStore('settings');
    const old = v11SettingsSchema.safeParse(await settingsStore.get(SETTINGS_KEY));
    if (!old.success) return;
    const messages = tx.objectStore('messages');
    const sightings: unknown[] = [];
    if (old.data.selfId !== null) {
      const selfId = old.data.selfId;
      const [authored, mentioned] = await Promise.all([
        messages.index('authorSentAt').getAll(IDBKeyRange.bound([selfId, -Infinity], [selfId, Infinity])),
        messages.index('mentionIds').getAll(selfId),
      ]);
      sightings.push(...authored, ...mentioned);
      const first = await messages.index('firstSeen').openCursor();
      if (first) sightings.push(first.value);
    }
    await settingsStore.put(settingsFromV11(old.data, validRows(storedMessageSchema, sightings)), SETTINGS_KEY);
  },
};

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies every step after `fromVersion` up to `toVersion`, in order, inside the upgrade transaction. */
export async function runMigrations(db: UpgradeDb, tx: UpgradeTx, fromVersion: number, toVersion: number): Promise<void> {
  for (const step of MIGRATIONS) {
    if (step.version > fromVersion && step.version <= toVersion) await step.upgrade(db, tx);
  }
}
