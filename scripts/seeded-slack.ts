import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { laterTs, movedForward, weeksSinceSeeded } from '../seeds/bring-forward';
import { renderSlackPage } from '../seeds/render';
import { workspaceSchema } from '../seeds/workspace';

const stored = workspaceSchema.parse(JSON.parse(readFileSync(resolve('seeds/workspace.json'), 'utf8')));

/** Whole weeks the seeded history is moved by, fixed once per process so that a served page and its test agree. */
export const SEED_WEEKS_MOVED = weeksSinceSeeded(stored, Date.now());

/**
 * The seeded workspace as the demo and the tests serve it: seeds/workspace.json moved forward by whole weeks
 * so that its newest message falls in the last seven days, as it did the week it was written.
 */
export const seededWorkspace = movedForward(stored, SEED_WEEKS_MOVED);

/** The ts a message has in seeds/workspace.json, as it is served this week. */
export const servedTs = (seededTs: string): string => laterTs(seededTs, SEED_WEEKS_MOVED);

let page: Promise<string> | undefined;

/** The Slack-like page over `seededWorkspace`, rendered once as `npm run seed` renders seeds/slack.html. */
export const seededSlackPage = (): Promise<string> => (page ??= renderSlackPage(seededWorkspace));
