// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { LearningControls } from '../../components/LearningControls';

afterEach(cleanup);

describe('LearningControls', () => {
  it('says what the model learned from and what waits, and resets only after a confirmation', async () => {
    const onReset = vi.fn(async () => {});
    render(<LearningControls examples={7} learnedFrom={5} refitAfter={5} onReset={onReset} />);
    expect(screen.getByText(/The model has learned from/).textContent).toContain('5 examples you gave');
    expect(screen.getByText(/2 newer examples wait; it learns after every 5 new ones/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reset to the shipped model…' }));
    expect(onReset).not.toHaveBeenCalled();
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Yes, reset the model' }));
    await waitFor(() => expect(screen.getByText('The shipped model is in use again.')).toBeTruthy());
    expect(onReset).toHaveBeenCalledOnce();
  });

  it('with no examples says the shipped model is in use and offers no reset', () => {
    render(<LearningControls examples={0} learnedFrom={0} refitAfter={5} onReset={vi.fn()} />);
    expect(screen.getByText(/The shipped model is in use/).textContent).toBe('The shipped model is in use. It learns after every 5 new ones.');
    expect(screen.queryByRole('button', { name: /Reset/ })).toBeNull();
  });
});
