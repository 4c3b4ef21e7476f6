import { describe, expect, it } from 'vitest';
import { buildCalibration } from '../../lib/notes';
import { DAY_MS, QUIET_THRESHOLDS as T, quietContribution, teamSignals } from '../../lib/signals';
import { SEED_NOW, seededItems, seededPeople, seededPerson } from '../notes/seededEvidence';
import { NOW, item, person } from './fixtures';

/** An ask by `asker` and `helper`'s reply in its thread, `daysAgo` days ago. */
function answered(helper: string, asker: string, daysAgo: number) {
  const ask = item({ label: 'request', author: asker, daysAgo, text: 'Blocked on staging, anyone?' });
  ask.message.threadTs = ask.message.ts;
  const reply = item({ label: 'other', author: helper, subjects: [asker], daysAgo: daysAgo - 0.01, text: 'Added you to the group, try again.' });
  reply.message = { ...reply.message, channelId: ask.message.channelId, threadTs: ask.message.ts, inThread: true };
  return { ask, reply };
}

describe('quietContribution', () => {
  const threads = Array.from({ length: 6 }, (_, i) => answered('tomas', i % 2 ? 'bob' : 'carol', 2 + i * 4));
  const replies = threads.map((t) => t.reply);
  const asks = threads.map((t) => t.ask);

  it('counts asks for help answered in the last 4 weeks against recognition received', () => {
    const thanks = item({ label: 'recognition', author: 'bob', subjects: ['tomas'], daysAgo: 3 });
    const cue = quietContribution('tomas', [...replies, thanks], asks, NOW);
    expect(cue).toMatchObject({ answered: 6, recognized: 1, text: 'Answered 6 asks for help in 4 weeks; recognized once.' });
    expect(cue!.answers.map((a) => a.key)).toEqual(replies.map((r) => r.key));
  });

  it('is silent for someone recognised more, or who answered fewer asks', () => {
    const praise = [1, 2].map((d) => item({ label: 'recognition', author: 'bob', subjects: ['tomas'], daysAgo: d }));
    expect(quietContribution('tomas', [...replies, ...praise], asks, NOW)).toBeNull();
    expect(quietContribution('tomas', replies.slice(0, T.minAnswered - 1), asks, NOW)).toBeNull();
  });

  it('counts an ask once however many replies, and only threads rooted in someone else\'s ask, in the window', () => {
    const second = { ...replies[0], key: `${replies[0].key}-2`, message: { ...replies[0].message, ts: `${replies[0].message.ts}9` } };
    const old = answered('tomas', 'bob', T.windowDays + 2);
    const own = answered('tomas', 'tomas', 3);
    const chat = answered('tomas', 'bob', 4);
    chat.ask.label = 'other';
    const cue = quietContribution('tomas', [...replies, second, old.reply, own.reply, chat.reply], [...asks, old.ask, own.ask, chat.ask], NOW);
    expect(cue).toMatchObject({ answered: 6, recognized: 0, text: 'Answered 6 asks for help in 4 weeks; recognized never.' });
    // Without the roots nothing is known about what the replies answered.
    expect(quietContribution('tomas', replies, [], NOW)).toBeNull();
  });
});

describe('the quiet contributor in the seeded workspace', () => {
  const tomas = seededPerson('Tomás');
  const roots = seededItems.filter((i) => i.message.threadTs === i.message.ts);

  it('is Tomás: nine asks answered in four weeks, recognised once; nobody else', () => {
    expect(quietContribution(tomas.id, seededItems, roots, SEED_NOW)).toMatchObject({ answered: 9, recognized: 1, text: 'Answered 9 asks for help in 4 weeks; recognized once.' });
    const others = seededPeople.filter((p) => p.id !== tomas.id).filter((p) => quietContribution(p.id, seededItems, roots, SEED_NOW));
    expect(others).toEqual([]);
  });

  it('shows as a cue in Team and in Calibration, citing the answers', () => {
    const window = { from: SEED_NOW - 84 * DAY_MS, to: SEED_NOW, now: SEED_NOW };
    const [row] = teamSignals([tomas], seededItems, window, roots);
    expect(row.cues).toContainEqual({ id: 'quiet-contributor', tone: 'attention', text: 'Answered 9 asks for help in 4 weeks; recognized once.' });
    const calibration = buildCalibration([tomas, person('x', 'X')], seededItems, window, [], { threadRoots: roots });
    const cue = calibration.cues.find((c) => c.kind === 'quiet-contributor')!;
    expect(cue.personId).toBe(tomas.id);
    expect(cue.citations).toHaveLength(9);
  });
});
