// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CatchUpControls, CaughtUpRanges } from '../../components/CatchUpControls';
import type { CaughtUpRange } from '../../lib/store/schema';

afterEach(cleanup);

const NOW = Date.UTC(2026, 11, 1);
const range = (patch: Partial<CaughtUpRange>): CaughtUpRange => ({
  id: 'T1/C1', teamId: 'T1', channelId: 'C1', channelName: 'eng-platform', oldestTs: '1760000000.000100', newestTs: '1764000000.000100',
  lastOutcome: 'Caught up to the date (oldest message 2025-10-09).', problem: null, updatedAt: 1, ...patch,
});

describe('CatchUpControls', () => {
  it('passes "Include thread replies" with the date and the re-read choice', () => {
    const onStart = vi.fn();
    render(<CatchUpControls status={null} onStart={onStart} onStop={vi.fn()} now={NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Catch up' }));
    fireEvent.click(screen.getByLabelText('Include thread replies (slower)'));
    fireEvent.click(screen.getByRole('button', { name: 'Catch up' }));
    expect(onStart.mock.calls).toEqual([
      [NOW - 12 * 7 * 86_400_000, false, false],
      [NOW - 12 * 7 * 86_400_000, false, true],
    ]);
  });
});

describe('CaughtUpRanges', () => {
  it('shows each range, and the problem that ended a catch-up on markup Aspen does not know', () => {
    const problem = 'Aspen does not recognize this conversation’s message list, so it cannot scroll it.';
    render(
      <CaughtUpRanges
        ranges={[range({}), range({ id: 'T1/C2', channelName: 'design', oldestTs: null, newestTs: null, lastOutcome: problem, problem })]}
      />,
    );
    const [ok, failed] = screen.getAllByRole('listitem');
    expect(ok.textContent).toContain('(Caught up to the date');
    expect(failed.textContent).toBe(`design: not caught up Catch-up problem: ${problem}`);
    expect(screen.getByRole('note').textContent).toBe(`Catch-up problem: ${problem}`);
  });
});
