import { captureReplySchema, taggedKeysReplySchema, type RuntimeRequest } from '@/lib/messaging';
import { observeSlackMessages, readSlackSelf, type CapturedMessage, type RenderedRow } from '@/lib/slack';
import { decorateRecognitionButtons } from '@/lib/slack/recognition-button';

/** With the doubling wait below, a batch keeps trying for about half a minute. */
const CAPTURE_ATTEMPTS = 8;

/**
 * Sends a batch until the background answers it. A service worker stopped while the batch is on its way drops
 * it without a reply, and the observer never re-sends rows it has sent; storing is idempotent, so a repeat is safe.
 */
async function sendCapture(request: Extract<RuntimeRequest, { type: 'capture' }>): Promise<void> {
  for (let attempt = 1; attempt <= CAPTURE_ATTEMPTS; attempt++) {
    const reply = await browser.runtime.sendMessage(request).catch(() => undefined);
    if (captureReplySchema.safeParse(reply).success) return;
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
  }
}

export default defineContentScript({
  matches: ['https://app.slack.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const captured = new Map<string, CapturedMessage>();
    const people = new Map<string, string>();

    const remember = (messages: CapturedMessage[]) => {
      for (const message of messages) {
        captured.set(`${message.teamId}/${message.channelId}/${message.ts}`, message);
        if (message.authorId && message.authorName) people.set(message.authorId, message.authorName);
        for (const mention of message.mentions) if (mention.id) people.set(mention.id, mention.label.replace(/^@/, ''));
      }
    };

    const decorate = (rendered: RenderedRow[]) =>
      decorateRecognitionButtons(document, rendered, {
        capturedMessage: (key) => captured.get(key),
        people: () => [...people].map(([id, name]) => ({ id, name })),
        taggedKeys: async (keys) => {
          const reply = taggedKeysReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'tagged-keys', keys }));
          return new Set(reply.success ? Object.keys(reply.data.tagged) : []);
        },
        tag: async (message, subjects) => {
          await browser.runtime.sendMessage({ type: 'tag-recognition', message, subjects });
        },
      });

    const stop = observeSlackMessages(document, {
      onBatch: (batch) => {
        remember(batch.messages);
        // The background checks every field again; a stopped service worker is restarted by this message.
        void sendCapture({
          type: 'capture',
          messages: batch.messages,
          health: batch.health,
          location: { ...batch.location, selfId: readSlackSelf(localStorage, batch.location.teamId) },
        });
      },
      onRendered: (rendered) => void decorate(rendered),
    });
    ctx.onInvalidated(stop);
  },
});
