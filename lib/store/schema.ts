import { z } from 'zod';
import { captureHealthSchema, capturedMessageSchema } from '../slack/types';

export const LABELS = ['recognition', 'constructive', 'coaching', 'request', 'other'] as const;
export const labelSchema = z.enum(LABELS);
export type Label = z.infer<typeof labelSchema>;

/** `${teamId}/${channelId}/${ts}`: one message, however many tabs or renders saw it. */
export type MessageKey = string;
export const messageKey = (m: { teamId: string; channelId: string; ts: string }): MessageKey =>
  `${m.teamId}/${m.channelId}/${m.ts}`;

/** Slack's ts is seconds.micros since epoch; stored as ms so sentAt can be a range index. */
export const sentAtFromTs = (ts: string): number => Math.round(Number.parseFloat(ts) * 1000);
/** A message's sentAt read from its key (keys end with the ts), so a query can skip a row without reading it. */
export const sentAtFromKey = (key: MessageKey): number => sentAtFromTs(key.slice(key.lastIndexOf('/') + 1));

/**
 * A message waiting for the model. Kept on the message record itself, so that capturing a message is one
 * write; the messages' sparse `queued` index lists exactly the waiting ones, oldest first.
 */
export const queueStateSchema = z.object({
  enqueuedAt: z.number(),
  /** Times a classifier has taken it. */
  attempts: z.number().int().nonnegative(),
  /** Set while a classifier holds it; a lease that runs out (crash, reload) makes it takeable again. */
  leasedUntil: z.number().optional(),
});
export type QueueState = z.infer<typeof queueStateSchema>;

export const storedMessageSchema = capturedMessageSchema.extend({
  key: z.string(),
  /** ms since epoch, from ts: kept as a number for range indexes. */
  sentAt: z.number(),
  mentionIds: z.array(z.string()),
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** Earlier texts when the message was edited, newest last. */
  previousTexts: z.array(z.string()),
  /** Present while the message waits for the model (new, edited, or labelled by an older model). */
  queue: queueStateSchema.optional(),
});
export type StoredMessage = z.infer<typeof storedMessageSchema>;

export const classificationSchema = z.object({
  key: z.string(),
  label: labelSchema,
  scores: z.record(labelSchema, z.number()),
  /** User ids the message is about: mentions, else the thread parent's author for a reply, else none. */
  subjects: z.array(z.string()),
  modelId: z.string(),
  classifiedAt: z.number(),
  /** The top score was under the model's threshold: shown as unsure, and not counted until the manager confirms it. */
  unsure: z.boolean().optional(),
  /** The message's author, copied in by the store when it saves the classification: one index read per person. */
  authorId: z.string().optional(),
});
export type Classification = z.infer<typeof classificationSchema>;

/** A manager's own judgement: always wins over the model, never touched by reclassification. */
export const managerTagSchema = z.object({
  key: z.string(),
  label: labelSchema.nullable(),
  subjects: z.array(z.string()),
  dismissed: z.boolean(),
  taggedAt: z.number(),
});
export type ManagerTag = z.infer<typeof managerTagSchema>;

/**
 * One of the manager's own examples for their model: a message's text and the label they gave it (a
 * correction, a confirmation of an unsure label, or a Recognition tag in Slack). Kept under the text as the
 * model reads it (see exampleKey), so the same text labelled two ways keeps only the latest label.
 */
export const trainingExampleSchema = z.object({
  key: z.string().min(1),
  text: z.string().min(1),
  label: labelSchema,
  /** The message it came from; null when that is not known. */
  messageKey: z.string().nullable(),
  source: z.enum(['correction', 'confirmation', 'recognition']),
  addedAt: z.number(),
});
export type TrainingExample = z.infer<typeof trainingExampleSchema>;

/** The manager's refitted head (validated as a head by lib/classify), and what it was fitted on. */
export const learnedModelSchema = z.object({
  head: z.record(z.string(), z.unknown()),
  /** The shipped model it was refitted from: a new shipped model makes it stale. */
  baseModelId: z.string(),
  /** How many examples it learned from. */
  examples: z.number().int().nonnegative(),
  /** The newest example's addedAt it saw: examples added later are the ones not learned yet. */
  fittedThrough: z.number(),
});
export type LearnedModel = z.infer<typeof learnedModelSchema>;

export const trackSchema = z.enum(['ic', 'manager']);
export type Track = z.infer<typeof trackSchema>;

export const personSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  name: z.string(),
  isReport: z.boolean(),
  track: trackSchema,
  /** 1-based level on the track's rubric. */
  level: z.number().int().min(1).max(10),
  lastOneOnOne: z.number().nullable(),
});
export type Person = z.infer<typeof personSchema>;

export const noteSchema = z.object({
  id: z.string(),
  personId: z.string(),
  kind: z.enum(['note', 'one-on-one', 'review']),
  body: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Note = z.infer<typeof noteSchema>;

/** Evidence captured from a page outside Slack (a design doc, a pull request) with Readability. */
export const pageEvidenceSchema = z.object({
  id: z.string(),
  personId: z.string(),
  url: z.string(),
  title: z.string(),
  excerpt: z.string(),
  text: z.string(),
  capturedAt: z.number(),
  label: labelSchema,
});
export type PageEvidence = z.infer<typeof pageEvidenceSchema>;

/**
 * A manager's choice about one piece of evidence in one person's review. It wins over the rubric mapping and
 * is keyed by the evidence, so it survives re-classification and re-mapping.
 */
export const evidenceDecisionSchema = z.object({
  personId: z.string().min(1),
  itemKey: z.string().min(1),
  /** Where the manager filed it: a competency id, or null for "Other evidence"; absent while the mapping decides. */
  competencyId: z.string().min(1).nullable().optional(),
  /** Left out of the draft, its exports and calibration. */
  excluded: z.boolean(),
  /** Always listed, first, in its competency. */
  pinned: z.boolean(),
  decidedAt: z.number(),
});
export type EvidenceDecision = z.infer<typeof evidenceDecisionSchema>;

export const settingsSchema = z.object({
  /** The signed-in Slack user of each workspace (team id → user id): a user id means someone else in another workspace. */
  selfIds: z.record(z.string(), z.string().min(1)),
  /** The workspace Aspen last captured from: whose signed-in user "me" is in the panel. Null until one is seen. */
  currentTeamId: z.string().min(1).nullable(),
  retentionDays: z.number().int().min(7).max(3650),
  capturePaused: z.boolean(),
  pauseReason: z.string().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { selfIds: {}, currentTeamId: null, retentionDays: 365, capturePaused: false, pauseReason: null };

/** The signed-in user of the current workspace ("me"), or null while Aspen does not know it. */
export function currentSelfId(settings: Pick<Settings, 'selfIds' | 'currentTeamId'>): string | null {
  if (settings.currentTeamId === null) return null;
  return settings.selfIds[settings.currentTeamId] ?? null;
}

/** Stores whose rows the manager deletes one at a time: each delete leaves a tombstone, so a backup cannot bring the row back. */
export const TOMBSTONED_STORES = ['tags', 'notes', 'pageEvidence', 'evidenceDecisions', 'examples', 'rubric'] as const;
export const tombstonedStoreSchema = z.enum(TOMBSTONED_STORES);
export type TombstonedStore = z.infer<typeof tombstonedStoreSchema>;

/**
 * A deleted row: its store and its key as a backup names it (an evidence decision's is the JSON of
 * [personId, itemKey]). A copy of the row from before `deletedAt` is not restored; a later one is.
 */
export const tombstoneSchema = z.object({ store: tombstonedStoreSchema, key: z.string(), deletedAt: z.number() });
export type Tombstone = z.infer<typeof tombstoneSchema>;

/**
 * Retention deleted every untagged message sent before `sentBefore`, at `deletedAt`: one record per run that
 * reached further back than the others, instead of one per message. Keyed by `sentBefore` as a string.
 */
export const retentionHorizonSchema = z.object({ store: z.literal('messages'), key: z.string(), sentBefore: z.number(), deletedAt: z.number() });
export type RetentionHorizon = z.infer<typeof retentionHorizonSchema>;

export const deletionSchema = z.union([tombstoneSchema, retentionHorizonSchema]);
export type Deletion = z.infer<typeof deletionSchema>;

/** The latest capture health of one channel, so the panel can warn when Slack's markup stops matching. */
export const healthRecordSchema = z.object({
  /** `${teamId}/${channelId}` */
  id: z.string(),
  teamId: z.string(),
  channelId: z.string(),
  /** The tab that last reported it; null when unknown. */
  tabId: z.number().int().nullable(),
  health: captureHealthSchema,
  updatedAt: z.number(),
});
export type HealthRecord = z.infer<typeof healthRecordSchema>;

/**
 * A conversation's caught-up range: Aspen has captured every top-level message from `oldestTs` to `newestTs`
 * without a gap (a catch-up scrolled through all of it). The next catch-up passes over it quickly. Both are
 * null when no catch-up of it could scroll (its list was not recognized): the record then keeps `problem`.
 */
export const caughtUpRangeSchema = z.object({
  /** `${teamId}/${channelId}` */
  id: z.string(),
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  channelName: z.string(),
  oldestTs: z.string().nullable(),
  newestTs: z.string().nullable(),
  /** How the latest catch-up ended, in words (e.g. "Reached the start of the conversation"). */
  lastOutcome: z.string(),
  /** Why the latest catch-up ended early on markup Aspen does not know, for the Health tab; null when it did not. */
  problem: z.string().nullable().default(null),
  updatedAt: z.number(),
});
export type CaughtUpRange = z.infer<typeof caughtUpRangeSchema>;
