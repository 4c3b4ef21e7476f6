import { useCallback, useMemo } from 'react';
import { BackupControls } from '@/components/BackupControls';
import { LearningControls } from '@/components/LearningControls';
import { REFIT_AFTER_NEW_EXAMPLES } from '@/lib/classify/learning';
import { RubricControls } from '@/components/RubricControls';
import { SettingsView, type PersonPatch } from '@/components/SettingsView';
import { broadcastStoreEvent } from '@/lib/messaging';
import {
  applyRetention,
  countExpiring,
  currentSelfId,
  emptyImportResult,
  exportDatabase,
  importDatabase,
  resetLearning,
  savePerson,
  selfPerson,
  setWorkspaceUser,
  updateSettings,
  wipeAll,
  type AspenDb,
  type ImportResult,
} from '@/lib/store';
import { downloadFile, fileDate } from './download';
import { exportRubricFile, importRubricFile, resetRubric } from './rubric';
import type { PanelData } from './usePanelData';
import { levelChoices } from '@/lib/rubric';

/** Reads a chosen backup file; a file that is not JSON is rejected the way importDatabase rejects a bad backup. */
export async function importBackupFile(db: AspenDb, file: Blob): Promise<ImportResult> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...emptyImportResult(), errors: [{ store: '(file)', index: -1, message: `Not a JSON file: ${reason}` }] };
  }
  const result = await importDatabase(db, json);
  if (result.added + result.updated > 0) {
    broadcastStoreEvent('messages');
    // The file may bring examples for the manager's model: the classifier refits when they are enough.
    broadcastStoreEvent('learning');
  }
  return result;
}

export async function exportBackupFile(db: AspenDb, now = Date.now()): Promise<void> {
  const backup = await exportDatabase(db, now);
  downloadFile(`aspen-backup-${fileDate(now)}.json`, 'application/json', JSON.stringify(backup));
}

export interface SettingsPaneProps {
  data: PanelData;
  suggestedIds: readonly string[];
}

/** Settings wired to the store, shared by the side panel and the options page. */
export function SettingsPane({ data, suggestedIds }: SettingsPaneProps) {
  const { db, people, settings, rubric } = data;
  const levels = useMemo(() => levelChoices(rubric.rubric), [rubric]);
  const selfId = currentSelfId(settings);
  const self = useMemo(() => selfPerson(people, selfId), [people, selfId]);

  const updatePerson = useCallback(
    async (id: string, patch: PersonPatch) => {
      // The signed-in user may not be among the people yet: their own level and track are saved all the same.
      const current = people.find((p) => p.id === id) ?? (self?.id === id ? self : undefined);
      if (!current) return;
      // Nobody is their own report.
      await savePerson(db, { ...current, ...patch, isReport: id !== self?.id && (patch.isReport ?? current.isReport) });
      broadcastStoreEvent('people');
    },
    [db, people, self],
  );
  const chooseSelf = useCallback(
    async (personId: string | null) => {
      if (settings.currentTeamId === null) return;
      await setWorkspaceUser(db, settings.currentTeamId, personId);
      broadcastStoreEvent('settings');
    },
    [db, settings.currentTeamId],
  );

  return (
    <SettingsView
      people={people}
      self={self}
      workspaceId={settings.currentTeamId}
      onChooseSelf={(personId) => void chooseSelf(personId)}
      suggestedIds={suggestedIds}
      retentionDays={settings.retentionDays}
      levels={levels}
      onUpdatePerson={(id, patch) => void updatePerson(id, patch)}
      countExpiring={(days) => countExpiring(db, days)}
      onRetentionChange={async (days) => {
        await updateSettings(db, { retentionDays: days });
        broadcastStoreEvent('settings');
        if ((await applyRetention(db, days)).deleted > 0) broadcastStoreEvent('messages');
      }}
      onWipe={async () => {
        await wipeAll(db);
        broadcastStoreEvent('wipe');
      }}
    >
      <LearningControls
        examples={data.learning.examples}
        learnedFrom={data.learning.learnedFrom}
        refitAfter={REFIT_AFTER_NEW_EXAMPLES}
        onReset={async () => {
          await resetLearning(db);
          // The classifier goes back to the shipped head and labels the history again.
          broadcastStoreEvent('learning');
          void browser.runtime.sendMessage({ type: 'wake-classifier' }).catch(() => undefined);
        }}
      />
      <BackupControls onExport={() => exportBackupFile(db)} onImport={(file) => importBackupFile(db, file)} />
      <RubricControls
        name={rubric.rubric.name}
        custom={rubric.custom}
        problems={rubric.problems}
        onExport={() => exportRubricFile(rubric.rubric)}
        onImport={(file) => importRubricFile(db, file)}
        onReset={() => resetRubric(db)}
      />
    </SettingsView>
  );
}
