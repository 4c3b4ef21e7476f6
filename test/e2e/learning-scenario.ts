import { expect } from '@playwright/test';
import { REFIT_AFTER_NEW_EXAMPLES } from '../../lib/classify/learning';
import type { SeedMessage } from '../../seeds/workspace';

const TEAM = 'T0ASPEN01';
/** #eng-platform of the seeded Slack page: the spec opens it before the scenario. */
export const LEARNING_CHANNEL = 'C0PLATFRM1';
const PRIYA = 'U0ENG0002';

/**
 * This team asks for a review with a bell, a repo and a PR number; the shipped model reads these as chatter.
 * The manager corrects them to Request in the panel.
 */
const PINGS = [':bell: billing-api #4412', ':bell: web-app #981', ':bell: infra #77 (terraform)', ':bell: mobile #3021', ':bell: payments-svc #5150'];
const NEW_PING = ':bell: search-indexer #212';

/**
 * LearningBrowser's receiveMessage for Priya in LEARNING_CHANNEL, over `post`: the seeded page's
 * `slackDemo.receiveMessage` through either driver's evaluate.
 */
export const postAsPriya =
  (post: (message: Pick<SeedMessage, 'authorId' | 'text' | 'label'>) => Promise<string>) =>
  async (text: string): Promise<string> =>
    `${TEAM}/${LEARNING_CHANNEL}/${await post({ authorId: PRIYA, text, label: 'request' })}`;

/** What the scenario does in a browser: the same steps through Playwright (Chromium) or puppeteer (Firefox). */
export interface LearningBrowser {
  /** Posts `text` from Priya in #eng-platform of the seeded Slack page; the message's store key. */
  receiveMessage(text: string): Promise<string>;
  readStore<T>(store: string): Promise<T[]>;
  /** In the panel's Person view of Priya, corrects the row that shows each text to Request. */
  correctToRequest(shownTexts: readonly string[]): Promise<void>;
}

interface StoredClassification {
  key: string;
  label: string;
  modelId: string;
}

/**
 * Corrections in the panel refit the manager's model in the classifier's worker, and a similar message
 * captured next gets the corrected label; the manager's own tags stay as they set them.
 */
export async function correctionsTeachTheModel(browser: LearningBrowser): Promise<void> {
  // The refit comes after this many corrections: the test makes exactly that many, through the panel.
  expect(PINGS).toHaveLength(REFIT_AFTER_NEW_EXAMPLES);
  const keys: string[] = [];
  for (const text of PINGS) keys.push(await browser.receiveMessage(text));
  const classificationsOf = async (wanted: readonly string[]) =>
    (await browser.readStore<StoredClassification>('classifications')).filter((c) => wanted.includes(c.key));
  await expect.poll(async () => (await classificationsOf(keys)).length, { timeout: 120_000, intervals: [1000] }).toBe(PINGS.length);
  const shipped = await classificationsOf(keys);
  // Corrections the shipped model would not have made: without the refit there is nothing to learn from them.
  expect(shipped.filter((c) => c.label === 'request')).toEqual([]);
  const shippedModelId = shipped[0]!.modelId;
  expect(shippedModelId).not.toContain('+learned-');

  await browser.correctToRequest(PINGS.map((text) => text.replace(':bell: ', '')));
  await expect.poll(async () => (await browser.readStore('examples')).length).toBe(PINGS.length);
  // The refit runs in the classifier's worker; the manager's model is in use once it is stored.
  await expect
    .poll(async () => (await browser.readStore<{ examples: number }>('learnedModel')).map((m) => m.examples), { timeout: 120_000, intervals: [1000] })
    .toEqual([PINGS.length]);

  const newKey = await browser.receiveMessage(NEW_PING);
  // Classified by the manager's model (the background re-classification would also reach it, were it first
  // classified by a run that began before the swap).
  await expect
    .poll(async () => (await classificationsOf([newKey])).map((c) => c.modelId.startsWith(`${shippedModelId}+learned-`)), {
      timeout: 120_000,
      intervals: [1000],
    })
    .toEqual([true]);
  const [classified] = await classificationsOf([newKey]);
  expect(classified!.label).toBe('request');
  // The manager's corrections stay theirs: a tag each, untouched by the re-classification.
  const tags = await browser.readStore<{ key: string; label: string }>('tags');
  expect(tags.filter((t) => keys.includes(t.key)).map((t) => t.label)).toEqual(PINGS.map(() => 'request'));
}
