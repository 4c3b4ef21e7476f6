// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { UnresolvedMentionsView } from '../../components/UnresolvedMentionsView';
import type { StoredMessage } from '../../lib/store/schema';

afterEach(cleanup);

const message: StoredMessage = {
  key: 'T1/C1/1700000001.000100',
  teamId: 'T1',
  channelId: 'C1',
  channelName: 'eng',
  ts: '1700000001.000100',
  permalink: '',
  authorId: 'U1',
  authorName: 'Ada',
  authorInferred: false,
  text: 'Great launch @Diego Alvarez!',
  mentions: [{ id: '', label: '@Diego Alvarez' }],
  threadTs: null,
  replyCount: 0,
  reactions: [],
  edited: false,
  inThread: false,
  sentAt: 1_700_000_001_000,
  mentionIds: [''],
  firstSeen: 0,
  lastSeen: 0,
  previousTexts: [],
};
const namesakes = [
  { id: 'U0DIEGO001', name: 'Diego Alvarez' },
  { id: 'U0DIEGO002', name: 'Diego Álvarez' },
];

describe('UnresolvedMentionsView', () => {
  it('asks whom a namesake mention is about, telling namesakes apart by id, and credits the pick', async () => {
    const onCredit = vi.fn(async () => undefined);
    render(<UnresolvedMentionsView messages={[message]} total={1} people={namesakes} onCredit={onCredit} />);
    const credit = screen.getByRole('button', { name: 'Credit' });
    expect(credit).toHaveProperty('disabled', true);
    const select = screen.getByLabelText('Who is @Diego Alvarez?');
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Choose a person…',
      'Diego Alvarez (U0DIEGO001)',
      'Diego Álvarez (U0DIEGO002)',
    ]);
    fireEvent.change(select, { target: { value: 'U0DIEGO002' } });
    fireEvent.click(credit);
    await waitFor(() => expect(onCredit).toHaveBeenCalledWith(message.key, 'U0DIEGO002'));
  });

  it('moves focus on to the next message once one is credited', async () => {
    const second = { ...message, key: 'T1/C1/1700000002.000100', ts: '1700000002.000100' };
    render(<UnresolvedMentionsView messages={[message, second]} total={2} people={namesakes} onCredit={async () => undefined} />);
    const [first, next] = screen.getAllByLabelText('Who is @Diego Alvarez?');
    fireEvent.change(first!, { target: { value: 'U0DIEGO001' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Credit' })[0]!);
    await waitFor(() => expect(document.activeElement).toBe(next));
  });

  it('shows why a credit was not saved', async () => {
    render(<UnresolvedMentionsView messages={[message]} total={1} people={namesakes} onCredit={() => Promise.reject(new Error('disk full'))} />);
    fireEvent.change(screen.getByLabelText('Who is @Diego Alvarez?'), { target: { value: 'U0DIEGO001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Credit' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Could not save: disk full');
  });
});
