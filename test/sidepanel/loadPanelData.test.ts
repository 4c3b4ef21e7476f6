// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadPanelData } from '../../entrypoints/sidepanel/usePanelData';
import { completeQueueItems, DAY_MS, ingestCapturedBatch, savePerson, takeQueueBatch, updateSettings } from '../../lib/store';
import { person } from '../signals/fixtures';
import { captured, classified, freshDb } from '../store/helpers';

const tsDaysAgo = (days: number) => `${Math.floor((Date.now() - days * DAY_MS) / 1000)}.000100`;

describe('loadPanelData', () => {
  it("loads the signed-in user's evidence alongside the reports', and nobody else's", async () => {
    const db = await freshDb();
    await savePerson(db, person('BO', 'Bo', { isReport: true }));
    await updateSettings(db, { selfIds: { T1: 'ME' }, currentTeamId: 'T1' });
    const forMe = captured({ ts: tsDaysAgo(2), authorId: 'U3', mentions: [{ id: 'ME', label: 'Me' }] });
    const forCy = captured({ ts: tsDaysAgo(1), authorId: 'U4', mentions: [{ id: 'CY', label: 'Cy' }] });
    const messages = [forMe, forCy];
    await ingestCapturedBatch(db, messages, Date.now());
    await completeQueueItems(db, (await takeQueueBatch(db, messages.length, Date.now())).map((q) => classified(q.message)));

    const data = await loadPanelData(db, false);
    expect(data.items.map((item) => item.key)).toEqual([`T1/C1/${forMe.ts}`]);
  });
});
