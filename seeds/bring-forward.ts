import type { Workspace } from './workspace';

const WEEK_S = 7 * 86_400;

// A loop, not Math.max(...): a generated ?size workspace can hold more messages than a call takes arguments.
const newestSecond = (workspace: Workspace): number =>
  workspace.messages.reduce((newest, m) => Math.max(newest, Number.parseInt(m.ts, 10)), -Infinity);

/**
 * Whole weeks between the seeded history's newest message and `nowMs`. The history was written to end on one
 * fixed day while the panel's windows (12 weeks, 14 days) end today; without moving it the demo's views empty
 * out as the calendar passes the seeds.
 */
export function weeksSinceSeeded(workspace: Workspace, nowMs: number): number {
  if (workspace.messages.length === 0) return 0;
  return Math.max(0, Math.floor((nowMs / 1000 - newestSecond(workspace)) / WEEK_S));
}

/** Slack's ts ("seconds.micros") `weeks` later; whole weeks keep every weekday and time of day. */
export const laterTs = (ts: string, weeks: number): string => {
  const [seconds, micros] = ts.split('.');
  return `${Number.parseInt(seconds, 10) + weeks * WEEK_S}.${micros}`;
};

/** The workspace with every message (and thread reference) moved `weeks` later. */
export function movedForward(workspace: Workspace, weeks: number): Workspace {
  if (weeks === 0) return workspace;
  return {
    ...workspace,
    messages: workspace.messages.map((m) => ({ ...m, ts: laterTs(m.ts, weeks), threadTs: m.threadTs === null ? null : laterTs(m.threadTs, weeks) })),
  };
}
