// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readSlackLocation, readSlackSelf } from '../../lib/slack/location';
import { parseHtml } from './fixtures';

const sidebar = (id: string, name: string, selected: boolean) =>
  `<div data-qa="channel-sidebar-channel" data-qa-channel-sidebar-channel-id="${id}" data-qa-channel-sidebar-channel-type="channel" data-qa-channel-sidebar-channel-is-selected="${selected}"><span class="p-channel_sidebar__name">${name}</span></div>`;

const page = (body: string, title = '') => parseHtml(`<html><head><title>${title}</title></head><body>${body}</body></html>`);

describe('readSlackLocation', () => {
  it('reads team and channel ids from the URL and the name from the header', () => {
    const doc = page('<div class="p-view_header"><button data-qa="channel_name"># eng-platform</button></div>');
    expect(readSlackLocation(doc, 'https://app.slack.com/client/T0ASPEN01/C0PLATFRM1')).toEqual({
      teamId: 'T0ASPEN01',
      channelId: 'C0PLATFRM1',
      channelName: 'eng-platform',
    });
  });

  it('reads a DM partner name from the member header', () => {
    const doc = page('<span class="p-view_header__member_name">Priya Raman</span>');
    expect(readSlackLocation(doc, 'https://app.slack.com/client/T0ASPEN01/D0MGRPRI05').channelName).toBe('Priya Raman');
  });

  it('falls back to the selected sidebar row, then to the document title', () => {
    const doc = page(sidebar('C0AAAAAAA1', 'general', false) + sidebar('C0BBBBBBB2', 'launch-q4', true));
    expect(readSlackLocation(doc, 'https://app.slack.com/')).toEqual({ channelId: 'C0BBBBBBB2', channelName: 'launch-q4' });
    const titled = page('', 'design-review - Northwind - Slack');
    expect(readSlackLocation(titled, 'https://app.slack.com/client/T0ASPEN01/C0DESIGN02').channelName).toBe('design-review');
    expect(readSlackLocation(page('', 'Slack'), 'https://app.slack.com/client/T0ASPEN01/C0DESIGN02').channelName).toBeUndefined();
  });

  it('treats lowercase path words as views, not channels', () => {
    const doc = page('<button data-qa="channel_name">Threads</button>' + sidebar('C0BBBBBBB2', 'launch-q4', true), 'Threads - Northwind - Slack');
    expect(readSlackLocation(doc, 'https://app.slack.com/client/T0ASPEN01/threads')).toEqual({ teamId: 'T0ASPEN01' });
    expect(readSlackLocation(doc, 'https://app.slack.com/client/T0ASPEN01/later')).toEqual({ teamId: 'T0ASPEN01' });
  });

  it('survives a malformed URL', () => {
    expect(readSlackLocation(page(''), 'not a url')).toEqual({});
  });
});

describe('readSlackSelf', () => {
  const storage = (value: unknown) => ({ getItem: () => (value === undefined ? null : JSON.stringify(value)) });
  it("reads the signed-in user from Slack's boot configuration, per team", () => {
    const config = { teams: { T0ASPEN01: { user_id: 'U0MGR0001', name: 'Northwind' }, T0OTHER99: { user_id: 'U0OTHER99' } }, lastActiveTeamId: 'T0OTHER99' };
    expect(readSlackSelf(storage(config), 'T0ASPEN01')).toBe('U0MGR0001');
    expect(readSlackSelf(storage(config))).toBe('U0OTHER99');
    expect(readSlackSelf(storage(config), 'T0NOPE000')).toBeUndefined();
  });
  it('gives undefined, never an exception, for missing or foreign data', () => {
    expect(readSlackSelf(storage(undefined), 'T0ASPEN01')).toBeUndefined();
    expect(readSlackSelf({ getItem: () => '{not json' }, 'T0ASPEN01')).toBeUndefined();
    expect(readSlackSelf(storage({ teams: { T0ASPEN01: { user_id: '<img src=x>' } } }), 'T0ASPEN01')).toBeUndefined();
  });
});
