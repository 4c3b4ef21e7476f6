import {
  captureReplySchema,
  catchUpStoredReplySchema,
  tabCatchUpRequestSchema,
  taggedKeysReplySchema,
  type RuntimeRequest,
} from '@/lib/messaging';
import { observeSlackMessages, readSlackSelf, type CapturedMessage, type RenderedRow } from '@/lib/slack';
import { mountCatchUpControl } from '@/lib/slack/catch-up-control';
import { createCatchUpSession } from '@/lib/slack/catch-up-session';
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

const send = (request: RuntimeRequest): Promise<unknown> => browser.runtime.sendMessage(request).catch(() => undefined);

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

    // Catch-up scrolls Slack's own list; the observer below captures what it brings into view.
    const catchUp = createCatchUpSession({
      doc: document,
      storedRange: async (teamId, channelId) => {
        const reply = catchUpStoredReplySchema.safeParse(await send({ type: 'catch-up-stored', teamId, channelId }));
        return reply.success ? reply.data.range : null;
      },
      finished: async (run) => {
        await send({ type: 'catch-up-finished', run });
      },
      publish: (status) => {
        control.update(status);
        void send({ type: 'catch-up-progress', status });
      },
    });
    const control = mountCatchUpControl(document, {
      start: (targetMs, full) => catchUp.start(targetMs, full),
      stop: () => catchUp.stop(),
    });
    const onTabRequest = (message: unknown) => {
      const request = tabCatchUpRequestSchema.safeParse(message);
      if (!request.success) return undefined;
      const { command } = request.data;
      if (command.action === 'start') catchUp.start(command.targetMs, command.full);
      else if (command.action === 'stop') catchUp.stop();
      return Promise.resolve({ status: catchUp.status() });
    };
    browser.runtime.onMessage.addListener(onTabRequest);

    const stop = observeSlackMessages(document, {
      onBatch: (batch) => {
        remember(batch.messages);
        catchUp.noteCaptured(batch.messages);
        // The background checks every field again; a stopped service worker is restarted by this message.
        void sendCapture({
          type: 'capture',
          messages: batch.messages,
          health: batch.health,
          location: { ...batch.location, selfId: readSlackSelf(localStorage, batch.location.teamId) },
        });
      },
      onRendered: (rendered) => {
        catchUp.noteParsed();
        control.ensureMounted();
        void decorate(rendered);
      },
    });
    ctx.onInvalidated(() => {
      stop();
      catchUp.dispose();
      control.dispose();
      browser.runtime.onMessage.removeListener(onTabRequest);
    });
  },
});
