// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FailedClassificationsView } from '../../components/FailedClassificationsView';
import type { StoredMessage } from '../../lib/store/schema';

afterEach(cleanup);

const failed = { key: 'T1/C1/1700000001.000100', text: 'a message the model kept failing on' } as StoredMessage;

describe('FailedClassificationsView', () => {
  it('says which messages could not be classified and retries them', async () => {
    const onRetry = vi.fn(async () => undefined);
    render(<FailedClassificationsView messages={[failed]} onRetry={onRetry} />);
    expect(screen.getByRole('region', { name: 'Messages the classifier could not label' }).textContent).toContain(
      'One message could not be classified after five attempts.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(onRetry).toHaveBeenCalledWith([failed.key]));
  });

  it('shows nothing when every message was classified', () => {
    render(<FailedClassificationsView messages={[]} onRetry={vi.fn()} />);
    expect(screen.queryByRole('region')).toBeNull();
  });
});
