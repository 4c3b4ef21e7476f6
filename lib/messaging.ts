import { z } from 'zod';
import { capturedMessageSchema, captureHealthSchema, catchUpCommandSchema, catchUpStatusSchema } from './slack/types';
import { labelSchema } from './store/schema';

/**
 * Every message that crosses an extension context boundary (content script ⇄ background ⇄ offscreen ⇄ panel).
 * Parsed with zod on arrival: a Slack page is untrusted input.
 */
export const runtimeRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('capture'),
    messages: z.array(z.unknown()),
    health: captureHealthSchema,
    location: z.object({
      teamId: z.string().optional(),
      channelId: z.string().optional(),
      channelName: z.string().optional(),
      /** The signed-in Slack user: the manager. */
      selfId: z.string().optional(),
    }),
  }),
  z.object({
    type: z.literal('tag-recognition'),
    key: z.string(),
    subjects: z.array(z.string()),
    /** The row as on screen when tagged: stored only if the message is not stored yet. */
    sighting: capturedMessageSchema.optional(),
  }),
  z.object({ type: z.literal('untag'), key: z.string() }),
  z.object({ type: z.literal('tagged-keys'), keys: z.array(z.string()) }),
  /** Content script: the workspace's people by name, to resolve mentions that carry only a name. */
  z.object({ type: z.literal('known-people'), teamId: z.string().min(1) }),
  z.object({ type: z.literal('wake-classifier') }),
  z.object({ type: z.literal('resume-capture') }),
  z.object({ type: z.literal('capture-state') }),
  z.object({ type: z.literal('page-evidence-problem') }),
  /** Content script: how its catch-up is going (kept in memory for the side panel). */
  z.object({ type: z.literal('catch-up-progress'), status: catchUpStatusSchema }),
  /** Content script: a catch-up ended; what it scrolled through without a gap is recorded. */
  z.object({
    type: z.literal('catch-up-finished'),
    run: z.object({
      teamId: z.string().min(1),
      channelId: z.string().min(1),
      channelName: z.string(),
      oldestTs: z.string().regex(/^\d{9,11}\.\d{1,6}$/).nullable(),
      newestTs: z.string().regex(/^\d{9,11}\.\d{1,6}$/).nullable(),
      outcome: z.string(),
      problem: z.string().nullable().default(null),
    }),
  }),
  /** Content script: the conversation's caught-up range, to resume from. */
  z.object({ type: z.literal('catch-up-stored'), teamId: z.string(), channelId: z.string() }),
  /** Side panel: start or stop a catch-up in the Slack tab in front. */
  z.object({ type: z.literal('catch-up-command'), command: catchUpCommandSchema }),
  /** Side panel: the catch-up status of the Slack tab in front. */
  z.object({ type: z.literal('catch-up-status') }),
  z.object({
    type: z.literal('page-evidence'),
    page: z.object({ url: z.string(), title: z.string(), excerpt: z.string(), text: z.string() }),
  }),
]);
export type RuntimeRequest = z.infer<typeof runtimeRequestSchema>;

export const captureReplySchema = z.object({
  ok: z.boolean(),
  inserted: z.number(),
  updated: z.number(),
  rejected: z.number(),
  paused: z.boolean(),
  error: z.string().optional(),
});
export type CaptureReply = z.infer<typeof captureReplySchema>;

/** How many people a Slack tab is told of (the most recently seen); a workspace's worth. */
export const KNOWN_PEOPLE_LIMIT = 2000;
export const knownPeopleReplySchema = z.object({
  people: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })).max(KNOWN_PEOPLE_LIMIT),
});

/** Whether capture is paused, as the background knows it: a pause storage had no room to record is known only there. */
export const captureStateReplySchema = z.object({ capturePaused: z.boolean(), pauseReason: z.string().nullable() });
export type CaptureStateReply = z.infer<typeof captureStateReplySchema>;

/** A page "Add this page as evidence" could not read, and why: the panel shows it once. */
export const pageEvidenceProblemSchema = z.object({ url: z.string(), reason: z.string() });
export type PageEvidenceProblem = z.infer<typeof pageEvidenceProblemSchema>;
export const pageEvidenceProblemReplySchema = z.object({ problem: pageEvidenceProblemSchema.nullable() });

/** Sent by the background to Slack tabs: stored tags changed somewhere, or capture may go on again. */
export const slackTabEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('aspen:tags-changed') }),
  z.object({ type: z.literal('aspen:capture-resumed') }),
]);
export type SlackTabEvent = z.infer<typeof slackTabEventSchema>;

/** The background's answer to a tag from Slack: a failure carries its reason, for the button to show. */
export const tagReplySchema = z.object({ ok: z.boolean(), error: z.string().optional() });
export const catchUpStoredReplySchema = z.object({ range: z.object({ oldestTs: z.string(), newestTs: z.string() }).nullable() });

/** The panel's view of the Slack tab in front: its catch-up status, or why there is none. */
export const catchUpStatusReplySchema = z.object({ status: catchUpStatusSchema.nullable(), error: z.string().optional() });
export type CatchUpStatusReply = z.infer<typeof catchUpStatusReplySchema>;

/** Sent by the background to a Slack tab's content script (not a RuntimeRequest: the background never handles it). */
export const tabCatchUpRequestSchema = z.object({ target: z.literal('catch-up'), command: catchUpCommandSchema.or(z.object({ action: z.literal('status') })) });
export type TabCatchUpRequest = z.infer<typeof tabCatchUpRequestSchema>;

export const taggedKeysReplySchema = z.object({ tagged: z.record(z.string(), labelSchema.nullable()) });

/** Pushed over BroadcastChannel to every open Aspen page whenever stored data changes. */
export const STORE_CHANNEL = 'aspen-store';
export const storeEventSchema = z.object({
  /** `learning`: the manager's examples or their refitted head changed (see lib/classify/manager-model.ts). */
  type: z.enum(['messages', 'classifications', 'tags', 'people', 'notes', 'decisions', 'settings', 'health', 'model', 'wipe', 'learning', 'catchUp']),
});
export type StoreEvent = z.infer<typeof storeEventSchema>;

export function broadcastStoreEvent(type: StoreEvent['type']): void {
  const channel = new BroadcastChannel(STORE_CHANNEL);
  channel.postMessage({ type } satisfies StoreEvent);
  channel.close();
}

/** Calls `listener` for every store change announced by any Aspen context; returns an unsubscribe. */
export function onStoreEvent(listener: (event: StoreEvent) => void): () => void {
  const channel = new BroadcastChannel(STORE_CHANNEL);
  channel.onmessage = (message: MessageEvent) => {
    const event = storeEventSchema.safeParse(message.data);
    if (event.success) listener(event.data);
  };
  return () => channel.close();
}

/** Sent by the background to the offscreen document only; the background ignores it (no `type` it knows). */
export const OFFSCREEN_DRAIN_REQUEST = { target: 'offscreen', drain: true } as const;
export const isOffscreenDrainRequest = (message: unknown): boolean =>
  typeof message === 'object' && message !== null && (message as { target?: unknown }).target === 'offscreen';
