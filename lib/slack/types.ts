import { z } from 'zod';

/** One message row as read from Slack's DOM: the boundary between the content script and the background. */
export const capturedMessageSchema = z.object({
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  channelName: z.string(),
  ts: z.string().regex(/^\d{9,11}\.\d{1,6}$/),
  permalink: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  /** true when the row had no sender header (a continuation row) and the author was carried forward. */
  authorInferred: z.boolean(),
  text: z.string(),
  mentions: z.array(z.object({ id: z.string(), label: z.string() })),
  threadTs: z.string().nullable(),
  replyCount: z.number().int().nonnegative(),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number().int().nonnegative() })),
  edited: z.boolean(),
  inThread: z.boolean(),
});
export type CapturedMessage = z.infer<typeof capturedMessageSchema>;

/** Which selectors matched on a page, so that a Slack markup change shows as a warning, not silent loss. */
export const captureHealthSchema = z.object({
  recognized: z.boolean(),
  markup: z.enum(['2025', '2024', 'unknown']),
  rowsSeen: z.number().int().nonnegative(),
  rowsParsed: z.number().int().nonnegative(),
  matched: z.record(z.string(), z.number().int().nonnegative()),
  problems: z.array(z.string()),
});
export type CaptureHealth = z.infer<typeof captureHealthSchema>;

export interface ParseContext {
  /** Team id from the URL (/client/T…/C…) when known. */
  teamId?: string;
  channelId?: string;
  channelName?: string;
  /** People already known (from the store): newer mention markup may carry only a label, resolved by name. */
  knownPeople?: ReadonlyArray<{ id: string; name: string }>;
}

export interface ParseResult {
  messages: CapturedMessage[];
  health: CaptureHealth;
}

/** A message read from a saved page that may name no team: the parse CLI shows it, the extension never stores it. */
export type SavedPageMessage = Omit<CapturedMessage, 'teamId'> & { teamId: string | null };

export interface SavedPageResult {
  messages: SavedPageMessage[];
  health: CaptureHealth;
}

/** Where a catch-up stands in a Slack tab: shown by Aspen's control in Slack and by the side panel. */
export const catchUpStatusSchema = z.object({
  running: z.boolean(),
  teamId: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  /** The date it catches up to, ms since epoch. */
  targetMs: z.number(),
  /** 0…1 toward the target date. */
  fraction: z.number().min(0).max(1),
  phase: z.enum(['starting', 'skipping', 'reading', 'threads', 'waiting', 'paused', 'done']),
  /** Messages of this conversation captured during the catch-up. */
  captured: z.number().int().nonnegative(),
  /** Whether it opens threads ("Include thread replies"), and the replies it captured from them. */
  threads: z.boolean().default(false),
  replies: z.number().int().nonnegative().default(0),
  /** The oldest message reached, ms since epoch; null before the first rows. */
  oldestMs: z.number().nullable(),
  /** How it ended (or why it could not start), in words; null while running. */
  message: z.string().nullable(),
});
export type CatchUpStatus = z.infer<typeof catchUpStatusSchema>;

/** What the side panel or Aspen's control in Slack asks of a tab's catch-up. */
export const catchUpCommandSchema = z.discriminatedUnion('action', [
  /** `full`: read again what is already stored instead of passing over it; `threads`: open and read threads too. */
  z.object({ action: z.literal('start'), targetMs: z.number(), full: z.boolean(), threads: z.boolean().default(false) }),
  z.object({ action: z.literal('stop') }),
]);
export type CatchUpCommand = z.infer<typeof catchUpCommandSchema>;

/** One catch-up run, as the content script reports it and the store records it. */
export interface CatchUpRun {
  teamId: string;
  channelId: string;
  channelName: string;
  /**
   * What this run scrolled through without a gap: from the newest rows it started at down to the oldest
   * reached; null when it could not scroll at all (the list was not recognized).
   */
  oldestTs: string | null;
  newestTs: string | null;
  outcome: string;
  /** Why it ended early where Slack did not behave as Aspen knows it (unknown markup); null otherwise. */
  problem: string | null;
}
