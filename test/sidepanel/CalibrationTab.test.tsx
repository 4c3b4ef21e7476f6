// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { CalibrationTab } from '../../entrypoints/sidepanel/notes/CalibrationTab';
import type { EmbedTexts } from '../../lib/rubric';
import { NOW, item, person } from '../signals/fixtures';

afterEach(cleanup);

const alice = person('alice', 'Alice Chen', { level: 3 });
const bob = person('bob', 'Bob Diaz', { level: 2 });
// Plenty of recognition for Alice, all from one person: a single-source cue needs no encoder.
const items = [1, 2, 3, 4, 5, 6].map((n) =>
  item({ label: 'recognition', author: 'carol', subjects: ['alice'], daysAgo: n * 10, text: `Alice led incident review ${n}.` }),
);

describe('CalibrationTab', () => {
  it('asks for reports when there are none', () => {
    const onOpenSettings = vi.fn();
    render(
      <CalibrationTab reports={[]} items={items} now={NOW} period="12w" onPeriodChange={vi.fn()} loadEmbedder={() => new Promise(() => {})} onOpenSettings={onOpenSettings} decisions={[]} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Choose your reports' }));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });

  it('shows counts and source cues at once, and level cues once the encoder has mapped the evidence', async () => {
    let resolve!: (embed: EmbedTexts) => void;
    const loading = new Promise<EmbedTexts>((r) => (resolve = r));
    render(
      <CalibrationTab reports={[alice, bob]} items={items} now={NOW} period="12w" onPeriodChange={vi.fn()} loadEmbedder={() => loading} onOpenSettings={vi.fn()} decisions={[]} />,
    );
    const table = screen.getByRole('table', { name: 'Evidence per person and label' });
    const aliceRow = within(table).getByRole('row', { name: /Alice Chen/ });
    // Recognition within the last 12 weeks: days 10 to 80.
    expect(within(aliceRow).getAllByRole('cell').map((c) => c.textContent)).toEqual(['IC3', '6', '0', '0', '0', '6']);
    expect(screen.getByText(/comes from CAROL/)).toBeTruthy();
    expect(screen.getByText(/Checking evidence against the rubric/)).toBeTruthy();
    // An encoder that maps nothing above the minimum score: Alice's evidence covers none of her level.
    await act(async () => resolve(async (texts) => texts.map(() => new Float32Array(512))));
    expect(screen.queryByText(/Checking evidence against the rubric/)).toBeNull();
    expect(screen.getByText(/None of Alice's 6 pieces of recognition map to any of the \d+ competencies expected at level 3: look for what the record misses/)).toBeTruthy();
  });
});
