import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../lib/rubric';
import { clearCustomRubric, getCustomRubric, saveCustomRubric, wipeAll } from '../../lib/store';
import { customRubric, freshDb, snapshot } from './helpers';

describe('custom rubric', () => {
  it('reads null until one is saved, then the saved rubric, and null again once cleared', async () => {
    const db = await freshDb();
    expect(await getCustomRubric(db)).toBeNull();
    expect(await saveCustomRubric(db, customRubric())).toEqual(customRubric());
    expect(await getCustomRubric(db)).toEqual(customRubric());
    await clearCustomRubric(db);
    expect(await getCustomRubric(db)).toBeNull();
  });

  it('replaces the earlier custom rubric', async () => {
    const db = await freshDb();
    await saveCustomRubric(db, customRubric());
    await saveCustomRubric(db, { ...customRubric(), name: 'Acme ladder v2' });
    expect(await getCustomRubric(db)).toMatchObject({ name: 'Acme ladder v2' });
  });

  it('refuses an invalid rubric and keeps the one it had', async () => {
    const db = await freshDb();
    await saveCustomRubric(db, customRubric());
    const before = await snapshot(db);
    const broken = customRubric();
    broken.tracks.ic.levels[1].level = 5;
    await expect(saveCustomRubric(db, broken)).rejects.toThrow(/Levels must be numbered/);
    await expect(saveCustomRubric(db, { version: 1 } as unknown as Rubric)).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });

  it('stores the validated rubric, not the extra fields it came with', async () => {
    const db = await freshDb();
    await saveCustomRubric(db, { ...customRubric(), comment: 'edited by hand' } as Rubric);
    expect(await getCustomRubric(db)).toEqual(customRubric());
  });

  it('returns a stored rubric that no longer validates as it is, for the reader to judge', async () => {
    const db = await freshDb();
    await db.put('rubric', { version: 1, id: 'old' } as unknown as Rubric, 'custom');
    expect(await getCustomRubric(db)).toEqual({ version: 1, id: 'old' });
  });

  it('is deleted with everything else', async () => {
    const db = await freshDb();
    await saveCustomRubric(db, customRubric());
    await wipeAll(db);
    expect(await getCustomRubric(db)).toBeNull();
  });
});
