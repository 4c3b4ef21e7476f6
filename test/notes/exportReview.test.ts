import { describe, expect, it } from 'vitest';
import { EVIDENCE_CSV_COLUMNS, buildOneOnOnePrep, csvCell, escapeMarkdown, evidenceToCsv, reviewPacketToMarkdown } from '../../lib/notes';
import { item, person } from '../signals/fixtures';
import { SEED_NOW, seededItems, seededPerson } from './seededEvidence';

/** A minimal RFC 4180 reader, to check the CSV round-trips. */
function readCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && csv[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+2', `"'+1+2"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['plain, with "quotes"', '"plain, with ""quotes"""'],
    ['a = b', '"a = b"'],
    ['', '""'],
  ])('%j becomes %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('evidenceToCsv', () => {
  it('writes a header and one quoted row per item that round-trips', () => {
    const evil = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 1, text: '=cmd|\'/C calc\'!A0\nsecond "line"' });
    const rows = readCsv(evidenceToCsv([evil], (id) => (id === 'alice' ? 'Alice Chen' : id)));
    expect(rows[0]).toEqual([...EVIDENCE_CSV_COLUMNS]);
    expect(rows[1]).toEqual([
      new Date(evil.message.sentAt).toISOString(),
      'recognition',
      'model',
      'BOB',
      'Alice Chen',
      '',
      'general',
      `'=cmd|'/C calc'!A0\nsecond "line"`,
      evil.message.permalink,
      evil.key,
    ]);
  });

  it('exports the seeded evidence with every cell quoted', () => {
    const csv = evidenceToCsv(seededItems);
    const rows = readCsv(csv);
    expect(rows).toHaveLength(seededItems.length + 1);
    expect(rows.every((r) => r.length === EVIDENCE_CSV_COLUMNS.length)).toBe(true);
    expect(csv.split('\r\n').filter(Boolean).every((line) => line.startsWith('"'))).toBe(true);
  });
});

describe('Markdown escaping', () => {
  it('leaves no raw HTML, link or image syntax from message text', () => {
    const escaped = escapeMarkdown('<img src=x onerror=alert(1)> [link](javascript:alert(1)) ![i](x) **b** # h\n- list');
    expect(escaped).not.toMatch(/<|>/);
    expect(escaped).not.toMatch(/(^|[^\\])[[\]()*#]/);
    expect(escaped).not.toContain('\n');
    expect(escaped).toBe('&lt;img src=x onerror=alert\\(1\\)&gt; \\[link\\]\\(javascript:alert\\(1\\)\\) \\!\\[i\\]\\(x\\) \\*\\*b\\*\\* \\# h \\- list');
  });

  it('keeps a packet to one top heading, with the prep and every piece of evidence', () => {
    const priya = seededPerson('Priya');
    const evidence = seededItems.filter((i) => i.subjects.includes(priya.id)).slice(0, 5);
    const markdown = reviewPacketToMarkdown({ person: priya, prep: buildOneOnOnePrep(priya, seededItems, [], { now: SEED_NOW }), evidence });
    expect(markdown.match(/^# /gm)).toHaveLength(1);
    expect(markdown).toContain('## 1:1 prep: Priya Raman');
    for (const e of evidence) expect(markdown).toContain(`](${e.message.permalink})`);
  });

  it('links only https Slack permalinks', () => {
    const bad = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 1, permalink: 'javascript:alert(1)' });
    const lookalike = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 1, permalink: 'https://slack.com.evil.example/x' });
    const markdown = reviewPacketToMarkdown({ person: person('alice', 'Alice'), evidence: [bad, lookalike] });
    expect(markdown).not.toContain('](');
  });
});
