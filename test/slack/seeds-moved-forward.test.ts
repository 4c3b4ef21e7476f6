import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { parseSlackMessages, readSlackLocation } from '../../lib/slack';
import { movedForward, weeksSinceSeeded } from '../../seeds/bring-forward';
import { renderSlackPage } from '../../seeds/render';
import { workspaceSchema } from '../../seeds/workspace';

const workspace = workspaceSchema.parse(JSON.parse(readFileSync(new URL('../../seeds/workspace.json', import.meta.url), 'utf8')));
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const newestMs = (ts: string[]) => Math.max(...ts.map(Number)) * 1000;
const seededNewest = newestMs(workspace.messages.map((m) => m.ts));

describe('moving the seeded history to this week', () => {
  it('counts whole weeks since the newest message, and none before it has aged a week', () => {
    expect(weeksSinceSeeded(workspace, seededNewest - DAY_MS)).toBe(0);
    expect(weeksSinceSeeded(workspace, seededNewest)).toBe(0);
    expect(weeksSinceSeeded(workspace, seededNewest + WEEK_MS - 1000)).toBe(0);
    expect(weeksSinceSeeded(workspace, seededNewest + WEEK_MS)).toBe(1);
    expect(weeksSinceSeeded(workspace, seededNewest + 30 * WEEK_MS + 3 * DAY_MS)).toBe(30);
    expect(weeksSinceSeeded({ ...workspace, messages: [] }, seededNewest + 30 * WEEK_MS)).toBe(0);
  });

  it.each([1, 13, 52, 520])('moves every message and thread %i weeks, keeping weekday, time of day, order and threads', (weeks) => {
    const moved = workspaceSchema.parse(movedForward(workspace, weeks));
    expect(moved.messages).toHaveLength(workspace.messages.length);
    moved.messages.forEach((m, i) => {
      const before = workspace.messages[i];
      expect(m).toEqual({ ...before, ts: m.ts, threadTs: m.threadTs });
      expect(m.ts.split('.')[1]).toBe(before.ts.split('.')[1]);
      const [was, now] = [new Date(Number(before.ts) * 1000), new Date(Number(m.ts) * 1000)];
      expect(now.getTime() - was.getTime()).toBeCloseTo(weeks * WEEK_MS, -1);
      expect([now.getUTCDay(), now.getUTCHours(), now.getUTCMinutes()]).toEqual([was.getUTCDay(), was.getUTCHours(), was.getUTCMinutes()]);
      if (before.threadTs === before.ts) expect(m.threadTs).toBe(m.ts);
      else if (before.threadTs !== null) expect(moved.messages.some((root) => root.ts === m.threadTs)).toBe(true);
      else expect(m.threadTs).toBeNull();
    });
    expect(moved.messages.map((m) => m.ts)).toEqual(moved.messages.map((m) => m.ts).sort());
  });

  it('puts the newest message in the last seven days, whatever today is', () => {
    for (const now of [seededNewest + 3 * DAY_MS, seededNewest + 75 * DAY_MS, Date.UTC(2031, 5, 9, 4)]) {
      const moved = movedForward(workspace, weeksSinceSeeded(workspace, now));
      const newest = newestMs(moved.messages.map((m) => m.ts));
      expect(newest).toBeLessThanOrEqual(now);
      expect(now - newest).toBeLessThan(WEEK_MS);
    }
  });

  it('leaves the workspace as it is when no week has passed', () => {
    expect(movedForward(workspace, 0)).toBe(workspace);
  });

  it('renders a page whose first view and embedded data are the moved workspace', async () => {
    const moved = movedForward(workspace, 9);
    const html = await renderSlackPage(moved);
    // Node's environment here: seeds/render.ts resolves its page script by file URL, which happy-dom's URL refuses.
    const window = new Window();
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    expect(JSON.parse(doc.getElementById('aspen-workspace')!.textContent!)).toEqual(moved);
    const location = readSlackLocation(doc, 'https://app.slack.com/client/T0ASPEN01/C0PLATFRM1');
    const { messages } = parseSlackMessages(doc, { ...location, knownPeople: moved.people });
    expect(messages.length).toBeGreaterThan(20);
    const movedKeys = new Set(moved.messages.map((m) => `${m.channelId}/${m.ts}`));
    for (const parsed of messages) {
      expect(movedKeys.has(`${parsed.channelId}/${parsed.ts}`), parsed.ts).toBe(true);
      expect(parsed.permalink).toContain(`p${parsed.ts.replace('.', '')}`);
    }
    await window.happyDOM.close();
  });
});
