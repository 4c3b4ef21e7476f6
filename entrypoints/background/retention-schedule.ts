import { broadcastStoreEvent } from '@/lib/messaging';
import { applyRetention, getSettings } from '@/lib/store';
import { database } from './database';
import { runDetached } from './detached';

const ALARM = 'aspen-retention';
const DAILY_MINUTES = 24 * 60;

async function applyStoredRetention(): Promise<void> {
  const db = await database();
  const { deleted } = await applyRetention(db, (await getSettings(db)).retentionDays);
  if (deleted > 0) broadcastStoreEvent('messages');
}

/**
 * The retention period is applied when the browser starts, when Aspen is installed or updated, and once a day
 * (an alarm survives the service worker stopping); a browser left open for weeks still ages messages out.
 */
export function scheduleRetention(): void {
  const run = () => runDetached('applying the retention period', applyStoredRetention());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) run();
  });
  browser.runtime.onStartup.addListener(run);
  browser.runtime.onInstalled.addListener(run);
  runDetached(
    'scheduling retention',
    (async () => {
      if (!(await browser.alarms.get(ALARM))) await browser.alarms.create(ALARM, { delayInMinutes: DAILY_MINUTES, periodInMinutes: DAILY_MINUTES });
    })(),
  );
}
