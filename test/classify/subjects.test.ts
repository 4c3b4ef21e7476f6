import { describe, expect, it } from 'vitest';
import { subjectsFor } from '../../lib/classify/subjects';

const message = (over: Partial<Parameters<typeof subjectsFor>[0]> = {}) => ({
  authorId: 'UAUTHOR',
  mentionIds: [] as string[],
  ts: '1700000100.000200',
  threadTs: null as string | null,
  ...over,
});

describe('subjectsFor', () => {
  it('is the mentioned people, once each, never the author', () => {
    expect(subjectsFor(message({ mentionIds: ['U1', 'U2', 'U1', 'UAUTHOR'] }), 'UPARENT')).toEqual(['U1', 'U2']);
  });

  it("falls back to the thread parent's author for a reply without mentions", () => {
    expect(subjectsFor(message({ threadTs: '1700000000.000100' }), 'UPARENT')).toEqual(['UPARENT']);
  });

  it('is nobody for a top-level message without mentions, even if a parent author is passed', () => {
    expect(subjectsFor(message(), 'UPARENT')).toEqual([]);
    expect(subjectsFor(message({ threadTs: '1700000100.000200' }), 'UPARENT')).toEqual([]);
  });

  it('is nobody for a reply in one’s own thread or when the parent is unknown', () => {
    expect(subjectsFor(message({ threadTs: '1700000000.000100' }), 'UAUTHOR')).toEqual([]);
    expect(subjectsFor(message({ threadTs: '1700000000.000100' }))).toEqual([]);
  });

  it('uses the parent when the only mention is the author', () => {
    expect(subjectsFor(message({ mentionIds: ['UAUTHOR'], threadTs: '1700000000.000100' }), 'UPARENT')).toEqual(['UPARENT']);
  });
});
