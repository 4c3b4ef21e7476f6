import {
  captureReplySchema,
  catchUpStoredReplySchema,
  KNOWN_PEOPLE_LIMIT,
  knownPeopleReplySchema,
  slackTabEventSchema,
  tabCatchUpRequestSchema,
  taggedKeysReplySchema,
  tagReplySchema,
  type RuntimeRequest,
} from '@/lib/messaging';
import { observeSlackMessages, readSlackLocation, readSlackSelf, type CapturedMessage } from '@/lib/slack';
import { mountCatchUpControl } from '@/lib/slack/catch-up-control';
import { createCatchUpSession } from '@/lib/slack/catch-up-session';
import { removeForeignAspenNodes } from '@/lib/slack/aspen-host';
import {
  decorateRecognitionButtons,
  refreshRecognitionTags,
  removeRecognitionButtons,
  type RecognitionButtonOptions,
} from '@/lib/slack/recognition-button';

/** With the doubling wait below, a batch keeps trying for about half a minute. */
const CAPTURE_ATTEMPTS = 8;
/** People the subject picker offers and mentions resolve against; a workspace's worth, so a tab open all day stays small. */
const REMEMBERED_PEOPLE = KNOWN_PEOPLE_LIMIT;

/**
 * Sends a batch until the background answers it, and says whether it stored it. A service worker stopped
 * while the batch is on its way drops it without a reply; storing is idempotent, so a repeat is safe. A
 * paused capture answers at once: the rows go again when capture resumes.
 */
async function sendCapture(request: Extract<RuntimeRequest, { type: 'capture' }>): Promise<boolean> {
  for (let attempt = 1; attempt <= CAPTURE_ATTEMPTS; attempt++) {
    const reply = captureReplySchema.safeParse(await browser.runtime.sendMessage(request).catch(() => undefined));
    if (reply.success) return reply.data.ok && !reply.data.paused;
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
  }
  return false;
}

const send = (request: RuntimeRequest): Promise<unknown> => browser.runtime.sendMessage(request).catch(() => undefined);

/** Tags or untags a message; rejects with the background's reason when the change was not saved. */
async function changeTag(request: Extract<RuntimeRequest, { type: 'tag-recognition' | 'untag' }>): Promise<void> {
  const reply = tagReplySchema.safeParse(await browser.runtime.sendMessage(request));
  if (!reply.success) throw new Error('Aspen did not answer (reload this tab if Aspen was updated)');
  if (!reply.data.ok) throw new Error(reply.data.error ?? 'unknown error');
}

export default defineContentScript({
  matches: ['https://app.slack.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    // Creating `ctx` told an older copy of this script in the tab (before an update or reload) to stop and
    // take its controls away; what a copy that can no longer run left behind goes here.
    removeForeignAspenNodes(document);
    /**
     * Whether the extension this script belongs to is still there. After an update, reload or removal the
     * runtime is gone: `ctx.isInvalid` then aborts `ctx`, which takes everything below away at once.
     */
    const orphaned = () => ctx.isInvalid;

    /** The rendered rows' messages as last parsed: all the content script keeps of Slack's messages. */
    let rendered: ReadonlyMap<string, CapturedMessage> = new Map();
    const people = new Map<string, string>();
    const rememberPerson = (id: string, name: string) => {
      people.delete(id);
      people.set(id, name);
      if (people.size > REMEMBERED_PEOPLE) people.delete(people.keys().next().value!);
    };

    const buttons: RecognitionButtonOptions = {
      capturedMessage: (key) => rendered.get(key),
      people: () => [...people].map(([id, name]) => ({ id, name })),
      taggedKeys: async (keys) => {
        if (orphaned()) return new Set();
        const reply = taggedKeysReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'tagged-keys', keys }));
        return new Set(reply.success ? Object.keys(reply.data.tagged) : []);
      },
      tag: async (key, subjects) => (orphaned() ? ctx.block() : changeTag({ type: 'tag-recognition', key, subjects, sighting: rendered.get(key) })),
      untag: async (key) => (orphaned() ? ctx.block() : changeTag({ type: 'untag', key })),
    };

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
      requestParse: () => observer.rescan(),
    });
    const control = mountCatchUpControl(document, {
      start: (targetMs, full, threads) => catchUp.start(targetMs, full, threads),
      stop: () => catchUp.stop(),
    });
    const onTabRequest = (message: unknown) => {
      const request = tabCatchUpRequestSchema.safeParse(message);
      if (!request.success) return undefined;
      const { command } = request.data;
      if (command.action === 'start') catchUp.start(command.targetMs, command.full, command.threads);
      else if (command.action === 'stop') catchUp.stop();
      return Promise.resolve({ status: catchUp.status() });
    };
    browser.runtime.onMessage.addListener(onTabRequest);

    const observer = observeSlackMessages(document, {
      signal: ctx.signal,
      knownPeople: buttons.people,
      onBatch: (batch) => {
        if (orphaned()) return;
        catchUp.noteCaptured(batch.messages);
        for (const message of batch.messages) {
          if (message.authorId && message.authorName) rememberPerson(message.authorId, message.authorName);
          for (const mention of message.mentions) if (mention.id) rememberPerson(mention.id, mention.label.replace(/^@/, ''));
        }
        // The background checks every field again; a stopped service worker is restarted by this message.
        return sendCapture({
          type: 'capture',
          messages: batch.messages,
          health: batch.health,
          location: { ...batch.location, selfId: readSlackSelf(localStorage, batch.location.teamId) },
        });
      },
      onRendered: (rows, messages) => {
        if (orphaned()) return;
        rendered = messages;
        catchUp.noteParsed();
        control.ensureMounted();
        void decorateRecognitionButtons(document, rows, buttons);
      },
    });

    const onEvent = (message: unknown) => {
      const event = slackTabEventSchema.safeParse(message);
      if (!event.success) return;
      if (event.data.type === 'aspen:tags-changed') void refreshRecognitionTags(document, buttons);
      else observer.rescan();
    };
    browser.runtime.onMessage.addListener(onEvent);
    // The people Aspen already knows in this workspace, so that a mention Slack gives only a name is credited
    // from the first parse on; the rows on screen are parsed again once they are known.
    const { teamId } = readSlackLocation(document, location.href);
    if (teamId) {
      void send({ type: 'known-people', teamId }).then((reply) => {
        const known = knownPeopleReplySchema.safeParse(reply);
        if (!known.success || orphaned() || known.data.people.length === 0) return;
        // Oldest first, so that people this tab has seen itself stay the most recent.
        const seenHere = [...people];
        for (const person of known.data.people.toReversed()) rememberPerson(person.id, person.name);
        for (const [id, name] of seenHere) rememberPerson(id, name);
        observer.rescan();
      });
    }
    // One abort (ctx.signal, which also stops the observer) takes away all Aspen added to the page.
    ctx.onInvalidated(() => {
      catchUp.dispose();
      control.dispose();
      removeRecognitionButtons(document);
      try {
        browser.runtime.onMessage.removeListener(onEvent);
        browser.runtime.onMessage.removeListener(onTabRequest);
      } catch {
        // An orphaned script's runtime may refuse even this; its listeners can never be called again anyway.
      }
    });
  },
});
