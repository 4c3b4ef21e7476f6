import { z } from 'zod';
import { capturedMessageSchema, captureHealthSchema } from './slack/types';
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
    message: capturedMessageSchema,
    subjects: z.array(z.string()),
  }),
  z.object({ type: z.literal('untag'), key: z.string() }),
  z.object({ type: z.literal('tagged-keys'), keys: z.array(z.string()) }),
  z.object({ type: z.literal('wake-classifier') }),
  z.object({ type: z.literal('resume-capture') }),
  z.object({ type: z.literal('capture-state') }),
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

/** Whether capture is paused, as the background knows it: a pause storage had no room to record is known only there. */
export const captureStateReplySchema = z.object({ capturePaused: z.boolean(), pauseReason: z.string().nullable() });
export type CaptureStateReply = z.infer<typeof captureStateReplySchema>;

export const taggedKeysReplySchema = z.object({ tagged: z.record(z.string(), labelSchema.nullable()) });

/** Pushed over BroadcastChannel to every open Aspen page whenever stored data changes. */
export const STORE_CHANNEL = 'aspen-store';
export const storeEventSchema = z.object({
  type: z.enum(['messages', 'classifications', 'tags', 'people', 'notes', 'decisions', 'settings', 'health', 'model', 'wipe']),
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
