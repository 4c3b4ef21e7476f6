import { describe, expect, it } from 'vitest';
import { citeMessage, conversationName } from '../../lib/notes';
import { item } from '../signals/fixtures';

describe('conversationName', () => {
  it('names a channel with #, a direct or group message as a DM, a page by its site, and an unnamed conversation by id', () => {
    expect(conversationName({ channelId: 'C01', channelName: 'eng-platform' })).toBe('#eng-platform');
    expect(conversationName({ channelId: 'G01', channelName: 'leads-private' })).toBe('#leads-private');
    expect(conversationName({ channelId: 'D01', channelName: 'Diego Alvarez' })).toBe('DM with Diego Alvarez');
    expect(conversationName({ channelId: 'G02', channelName: 'Hannah Okafor, Lena Novak' })).toBe('DM with Hannah Okafor, Lena Novak');
    expect(conversationName({ channelId: 'C02', channelName: '' })).toBe('C02');
    expect(conversationName({ channelId: 'page:1', channelName: 'example.com' }, true)).toBe('example.com');
  });

  it('is what a citation says', () => {
    const dm = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 1 });
    dm.message = { ...dm.message, channelId: 'D9', channelName: 'Bob Diaz' };
    expect(citeMessage(dm)).toMatchObject({ channel: 'DM with Bob Diaz' });
  });
});
