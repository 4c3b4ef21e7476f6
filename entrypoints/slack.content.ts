import { captureReplySchema, taggedKeysReplySchema } from '@/lib/messaging';
import { observeSlackMessages, readSlackSelf, type CapturedMessage, type RenderedRow } from '@/lib/slack';
import { decorateRecognitionButtons } from '@/lib/slack/recognition-button';

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
        void browser.runtime
          .sendMessage({
            type: 'capture',
            messages: batch.messages,
            health: batch.health,
            location: { ...batch.location, selfId: readSlackSelf(localStorage, batch.location.teamId) },
          })
          .then((reply) => captureReplySchema.safeParse(reply))
          .catch(() => undefined);
      },
      onRendered: (rendered) => void decorate(rendered),
    });
    ctx.onInvalidated(stop);
  },
});
