export const PERIOD_IDS = ['4w', '12w', 'quarter', 'year'] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];

export const PERIOD_LABELS: Record<PeriodId, string> = {
  '4w': 'Last 4 weeks',
  '12w': 'Last 12 weeks',
  quarter: 'This quarter',
  year: 'This year',
};

export const DAY_MS = 24 * 60 * 60 * 1000;
export const WEEK_MS = 7 * DAY_MS;

/**
 * The window a period selector means, ending at `now` (inclusive).
 * Week periods are rolling; quarter and year are calendar-to-date in local time, as a manager reads them.
 */
export function periodRange(period: PeriodId, now: number): { from: number; to: number } {
  const date = new Date(now);
  switch (period) {
    case '4w':
      return { from: now - 4 * WEEK_MS, to: now };
    case '12w':
      return { from: now - 12 * WEEK_MS, to: now };
    case 'quarter': {
      const firstMonth = Math.floor(date.getMonth() / 3) * 3;
      return { from: new Date(date.getFullYear(), firstMonth, 1).getTime(), to: now };
    }
    case 'year':
      return { from: new Date(date.getFullYear(), 0, 1).getTime(), to: now };
  }
}
