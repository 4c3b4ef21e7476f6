/*
 * The workspace every store and panel figure is measured on, in Node and in the extension's page alike:
 * 50,000 messages from 60 people in 25 channels over one year, as the content script captures them.
 * Deterministic, so every run measures the same data. No Node or DOM APIs: it is bundled into the page.
 */
import type { CapturedMessage } from '../../lib/slack/types';
import { LABELS, messageKey, type Classification } from '../../lib/store/schema';

export const BENCH_TEAM_ID = 'T0BENCH';
export const BENCH_PEOPLE = 60;
const CHANNELS = 25;
export const YEAR_MS = 365 * 24 * 3600 * 1000;

export const benchPersonId = (n: number): string => `U${n}`;

/** A small linear congruential generator: identical in Node and browsers. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` messages spread evenly over the year that ends at `end` (ms since epoch). */
export function benchMessages(count: number, end: number): CapturedMessage[] {
  const start = end - YEAR_MS;
  const next = random(42);
  const pick = (n: number) => Math.floor(next() * n);
  const messages: CapturedMessage[] = [];
  for (let i = 0; i < count; i += 1) {
    const sentAt = start + Math.floor((i / count) * YEAR_MS);
    const ts = `${Math.floor(sentAt / 1000)}.${String(i % 1_000_000).padStart(6, '0')}`;
    const channel = pick(CHANNELS);
    const author = pick(BENCH_PEOPLE);
    const mentioned = next() < 0.3 ? [pick(BENCH_PEOPLE)] : [];
    const parent = i > 10 && next() < 0.2 ? messages[i - 1 - pick(10)] : undefined;
    messages.push({
      teamId: BENCH_TEAM_ID,
      channelId: parent?.channelId ?? `C${channel}`,
      channelName: `channel-${channel}`,
      ts,
      permalink: `https://bench.slack.com/archives/C${channel}/p${ts.replace('.', '')}`,
      authorId: benchPersonId(author),
      authorName: `Person ${author}`,
      authorInferred: next() < 0.1,
      text: `Message ${i} about the launch plan and the review cycle`,
      mentions: mentioned.map((id) => ({ id: benchPersonId(id), label: `Person ${id}` })),
      threadTs: parent ? parent.ts : null,
      replyCount: 0,
      reactions: next() < 0.2 ? [{ emoji: 'tada', count: 1 + pick(5) }] : [],
      edited: false,
      inThread: parent !== undefined,
    });
  }
  return messages;
}

/** What a classifier would store for each message: a random label, the mentions as subjects. */
export function benchClassifications(messages: readonly CapturedMessage[], modelId: string, classifiedAt: number): Classification[] {
  const next = random(7);
  return messages.map((m) => {
    const label = LABELS[Math.floor(next() * LABELS.length)]!;
    const scores = Object.fromEntries(LABELS.map((l) => [l, l === label ? 0.8 : 0.05])) as Classification['scores'];
    return { key: messageKey(m), label, scores, subjects: m.mentions.map((x) => x.id), modelId, classifiedAt };
  });
}
