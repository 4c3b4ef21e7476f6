import { z } from 'zod';
import { capturedMessageSchema } from '../slack/types';

export const LABELS = ['recognition', 'constructive', 'coaching', 'request', 'other'] as const;
export const labelSchema = z.enum(LABELS);
export type Label = z.infer<typeof labelSchema>;

/** `${teamId}/${channelId}/${ts}`: one message, however many tabs or renders saw it. */
export type MessageKey = string;
export const messageKey = (m: { teamId: string; channelId: string; ts: string }): MessageKey =>
  `${m.teamId}/${m.channelId}/${m.ts}`;

export const storedMessageSchema = capturedMessageSchema.extend({
  key: z.string(),
  /** ms since epoch, from ts: kept as a number for range indexes. */
  sentAt: z.number(),
  mentionIds: z.array(z.string()),
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** Earlier texts when the message was edited, newest last. */
  previousTexts: z.array(z.string()),
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

export const queueItemSchema = z.object({
  key: z.string(),
  enqueuedAt: z.number(),
  attempts: z.number().int().nonnegative(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

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

export const settingsSchema = z.object({
  /** The manager's own Slack user id, once known. */
  selfId: z.string().nullable(),
  retentionDays: z.number().int().min(7).max(3650),
  capturePaused: z.boolean(),
  pauseReason: z.string().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { selfId: null, retentionDays: 365, capturePaused: false, pauseReason: null };
