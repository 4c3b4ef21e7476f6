import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listHtml, messageRowHtml, pageHtml } from './fixtures';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'aspen-parse-'));

describe('npm run parse', () => {
  it('prints the rows of a page that names no team, with teamId null and the team reported unknown', async () => {
    // No "saved from url" comment, no --url, no avatars: nothing on the page says which team it is.
    const rows = ['first', 'second', 'third'].map((body, i) => messageRowHtml({ ts: `170494400${i}.000100`, body }));
    const file = join(dir, 'no-team.html');
    writeFileSync(file, pageHtml(listHtml(rows)));
    const { stdout } = await run('npx', ['tsx', 'scripts/parse.ts', file], { cwd: process.cwd() });
    const { messages, health } = JSON.parse(stdout) as { messages: Array<{ teamId: unknown; channelId: string; text: string }>; health: { problems: string[] } };
    expect(messages.map((m) => [m.teamId, m.channelId, m.text])).toEqual([
      [null, 'C01RSNX4WQ3', 'first'],
      [null, 'C01RSNX4WQ3', 'second'],
      [null, 'C01RSNX4WQ3', 'third'],
    ]);
    expect(health.problems.filter((p) => p.startsWith('team unknown'))).toHaveLength(1);
  });
});
