import { describe, expect, it } from 'vitest';
import { unreadablePageReason } from '../../lib/notes/page-access';

describe('unreadablePageReason', () => {
  it.each([
    ['chrome://settings/', /browser does not let extensions read its own pages.*chrome:/],
    ['about:preferences', /its own pages.*about:/],
    ['chrome-extension://abcdefghijklmnop/sidepanel.html', /other extensions' pages/],
    ['file:///home/me/review.html', /cannot read files on this computer/],
    ['https://chromewebstore.google.com/detail/aspen/abc', /extension store/],
    ['https://chrome.google.com/webstore/detail/abc', /extension store/],
    ['https://addons.mozilla.org/en-US/firefox/addon/aspen/', /extension store/],
    ['https://docs.example.com/design/Review%20notes.PDF', /not PDFs/],
    ['not a url', /no web address/],
  ])('explains why %s cannot be read', (url, reason) => {
    expect(unreadablePageReason(url)).toMatch(reason);
  });

  it('lets ordinary pages through, even ones that only mention PDFs or stores', () => {
    expect(unreadablePageReason('https://github.com/acme/app/pull/42')).toBeNull();
    expect(unreadablePageReason('https://docs.example.com/how-to-export-pdf')).toBeNull();
    expect(unreadablePageReason('https://chrome.google.com/search?q=webstore')).toBeNull();
  });
});
