import { describe, expect, it } from 'vitest';
import { buildReviewDraft, citeMessage, isPageItemKey, pageEvidenceToItem, pageIdOfItemKey } from '../../lib/notes';
import { receivedBy } from '../../lib/notes/evidence';
import { DEFAULT_RUBRIC, competenciesFor } from '../../lib/rubric';
import { evidenceItemSchema } from '../../lib/signals/types';
import type { PageEvidence } from '../../lib/store/schema';
import { NOW, DAY, person } from '../signals/fixtures';

const page: PageEvidence = {
  id: 'p-1',
  personId: 'alice',
  url: 'https://docs.example.com/rfc/42',
  title: 'Rate limiter RFC',
  excerpt: 'Alice designed the token bucket and ran the rollout.',
  text: 'Alice designed the token bucket and ran the rollout. More text.',
  capturedAt: NOW - 3 * DAY,
  label: 'recognition',
};

describe('pageEvidenceToItem', () => {
  it('is a valid evidence item about the person, from no one, citing the page', () => {
    const item = pageEvidenceToItem(page);
    expect(evidenceItemSchema.parse(item)).toEqual(item);
    expect(item).toMatchObject({ source: 'page', label: 'recognition', subjects: ['alice'] });
    expect(item.message).toMatchObject({
      text: 'Rate limiter RFC\nAlice designed the token bucket and ran the rollout.',
      permalink: page.url,
      channelName: 'docs.example.com',
      sentAt: page.capturedAt,
      authorId: '',
    });
    expect(receivedBy(item, 'alice', 'recognition')).toBe(true);
    expect(citeMessage(item)).toMatchObject({ href: page.url, channel: 'docs.example.com' });
  });

  it('has a key that round-trips to the page id and never looks like a Slack key', () => {
    const { key } = pageEvidenceToItem(page);
    expect(isPageItemKey(key)).toBe(true);
    expect(pageIdOfItemKey(key)).toBe('p-1');
    expect(pageIdOfItemKey('T1/C1/1700000000.000100')).toBeNull();
  });

  it('an unassigned page is about nobody, and an unparsable address still gives a valid item', () => {
    const item = pageEvidenceToItem({ ...page, personId: '', url: 'not a url', excerpt: '' });
    expect(item.subjects).toEqual([]);
    expect(item.message.text).toBe('Rate limiter RFC');
    expect(evidenceItemSchema.safeParse(item).success).toBe(true);
    expect(citeMessage(item)).toMatchObject({ kind: 'message', href: null });
  });

  it('shows up in a review draft as a captured page', () => {
    const alice = person('alice', 'Alice Chen');
    const item = pageEvidenceToItem(page);
    const [craft] = competenciesFor(DEFAULT_RUBRIC, 'ic', 3);
    const draft = buildReviewDraft(alice, DEFAULT_RUBRIC, [{ item, matches: [{ competency: craft, behaviour: craft.behaviours[0], similarity: 0.6, score: 0.9, method: 'head' }] }], {
      from: NOW - 30 * DAY,
      to: NOW,
    });
    const section = draft.sections.find((s) => s.competency.id === craft.id)!;
    expect(section.strengths[0].text).toMatch(/^Recognized by A captured page/);
    expect(section.strengths[0].citations[0]).toMatchObject({ kind: 'message', href: page.url });
  });
});
