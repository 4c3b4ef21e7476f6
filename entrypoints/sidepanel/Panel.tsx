import { useCallback, useMemo, useState } from 'react';
import { App } from '@/components/App';
import { CaptureHealthView, type ModelStatus } from '@/components/CaptureHealthView';
import type { Correction } from '@/components/EvidenceRow';
import { PersonView } from '@/components/PersonView';
import { SettingsView, type PersonPatch } from '@/components/SettingsView';
import { TeamView } from '@/components/TeamView';
import type { ClassifierStatus } from '@/lib/classify/runner';
import { broadcastStoreEvent } from '@/lib/messaging';
import { inferSelfId, suggestReportsFromMessages, type PeriodId } from '@/lib/signals';
import {
  addNote,
  applyRetention,
  notesFor,
  savePerson,
  setManagerTag,
  updateNote,
  updateSettings,
  wipeAll,
} from '@/lib/store';
import { usePanelData, type PanelData } from './usePanelData';


function modelStatus(status: ClassifierStatus | null): ModelStatus {
  if (!status || status.state === 'loading') return { status: 'loading' };
  if (status.state === 'error') return { status: 'error', message: status.message };
  return { status: 'ready', message: status.modelId };
}

function PanelViews({ data }: { data: PanelData }) {
  const { db, people, items, settings } = data;
  const [tab, setTab] = useState('team');
  const [period, setPeriod] = useState<PeriodId>('12w');
  const [personId, setPersonId] = useState<string | null>(null);
  const [notes, setNotes] = useState<{ personId: string; id: string | null; body: string } | null>(null);

  const messages = useMemo(() => items.map((item) => item.message), [items]);
  const selfId = settings.selfId ?? inferSelfId(messages);
  const suggestedIds = useMemo(
    () => (selfId ? suggestReportsFromMessages(selfId, messages).map((s) => s.personId) : []),
    [selfId, messages],
  );
  const reports = useMemo(() => people.filter((p) => p.isReport), [people]);
  const person = people.find((p) => p.id === personId) ?? null;

  const openPerson = useCallback(
    (id: string) => {
      setPersonId(id);
      setTab('person');
      void notesFor(db, id).then((all) => {
        const note = all.find((n) => n.kind === 'note');
        setNotes({ personId: id, id: note?.id ?? null, body: note?.body ?? '' });
      });
    },
    [db],
  );

  const correct = useCallback(
    async (key: string, correction: Correction) => {
      await setManagerTag(db, key, correction);
      broadcastStoreEvent('tags');
    },
    [db],
  );

  const saveNotes = useCallback(
    async (body: string) => {
      if (!personId) return;
      const saved = notes?.id ? await updateNote(db, notes.id, { body }) : await addNote(db, { personId, kind: 'note', body });
      setNotes({ personId, id: saved.id, body: saved.body });
      broadcastStoreEvent('notes');
    },
    [db, notes, personId],
  );

  const updatePerson = useCallback(
    async (id: string, patch: PersonPatch) => {
      const current = people.find((p) => p.id === id);
      if (!current) return;
      await savePerson(db, { ...current, ...patch });
      broadcastStoreEvent('people');
    },
    [db, people],
  );

  const latestHealth = data.health.toSorted((a, b) => b.updatedAt - a.updatedAt)[0] ?? null;
  const today = new Date(data.loadedAt).setHours(0, 0, 0, 0);

  return (
    <App
      activeTab={tab}
      onTabChange={setTab}
      personLabel={person?.name}
      healthAlert={settings.capturePaused || (latestHealth !== null && !latestHealth.health.recognized)}
      renderTeam={() => (
        <TeamView
          people={reports}
          items={items}
          now={data.loadedAt}
          period={period}
          onPeriodChange={setPeriod}
          onOpenPerson={openPerson}
          onOpenSettings={() => setTab('settings')}
        />
      )}
      renderPerson={() =>
        person ? (
          <PersonView
            person={person}
            people={people}
            items={items}
            now={data.loadedAt}
            period={period}
            onPeriodChange={setPeriod}
            notes={notes?.personId === person.id ? notes.body : ''}
            onSaveNotes={saveNotes}
            onCorrect={(key, correction) => void correct(key, correction)}
            onBack={() => setTab('team')}
          />
        ) : (
          <p className="empty">Choose someone in the Team view to see their evidence.</p>
        )
      }
      renderHealth={() => (
        <CaptureHealthView
          health={latestHealth?.health ?? null}
          capturedToday={messages.filter((m) => m.firstSeen >= today).length}
          queueLength={data.queueLength}
          model={modelStatus(data.classifier)}
          capturePaused={settings.capturePaused}
          pauseReason={settings.pauseReason}
          lastCaptureAt={latestHealth?.updatedAt ?? null}
        />
      )}
      renderSettings={() => (
        <SettingsView
          people={people}
          suggestedIds={suggestedIds}
          retentionDays={settings.retentionDays}
          onUpdatePerson={(id, patch) => void updatePerson(id, patch)}
          onRetentionChange={(days) =>
            void updateSettings(db, { retentionDays: days })
              .then(() => applyRetention(db, days, Date.now()))
              .then(() => broadcastStoreEvent('settings'))
          }
          onWipe={async () => {
            await wipeAll(db);
            broadcastStoreEvent('wipe');
          }}
        />
      )}
    />
  );
}

export function Panel() {
  const { data, error } = usePanelData();
  if (error) return <p role="alert" className="notice notice-attention">{error}</p>;
  if (!data) return <p aria-busy="true">Loading Aspen…</p>;
  return <PanelViews data={data} />;
}

