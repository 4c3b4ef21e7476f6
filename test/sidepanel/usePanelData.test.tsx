// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { usePanelData } from '../../entrypoints/sidepanel/usePanelData';
import { addNote, notesFor } from '../../lib/store';
import { forceClose } from '../store/helpers';

afterEach(cleanup);

describe('usePanelData', () => {
  it('reopens the database when the browser force-closes it, and reloads on the new connection', async () => {
    const { result } = renderHook(() => usePanelData());
    await waitFor(() => expect(result.current.data).not.toBeNull(), { timeout: 10_000 });
    const first = result.current.data!.db;
    await addNote(first, { personId: 'U2', kind: 'note', body: 'kept' });

    forceClose(first);
    await waitFor(() => expect(result.current.data?.db).not.toBe(first), { timeout: 10_000 });
    expect(result.current.error).toBeNull();
    expect((await notesFor(result.current.data!.db, 'U2')).map((n) => n.body)).toEqual(['kept']);
  });
});
