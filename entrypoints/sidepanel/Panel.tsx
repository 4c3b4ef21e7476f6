import { useCallback, useMemo, useState } from 'react';
import { App } from '@/components/App';
import { CaptureHealthView, type ModelStatus } from '@/components/CaptureHealthView';
import { CatchUpControls, CaughtUpRanges } from '@/components/CatchUpControls';
import type { Correction } from '@/components/EvidenceRow';
import { PersonView } from '@/components/PersonView';
import { TeamView } from '@/components/TeamView';
import type { ClassifierStatus } from '@/lib/classify/runner';
import { broadcastStoreEvent } from '@/lib/messaging';
import { pageIdOfItemKey } from '@/lib/notes';
import { UnsureNotice } from '@/components/UnsureNotice';
import { isSettled, periodRange, unsureLeftOut, type PeriodId } from '@/lib/signals';
import { addNote, currentSelfId, notesFor, recordLabelledTag, selfPerson, setManagerTag, updateNote } from '@/lib/store';
import { notesTabs } from './notes/notesTabs';
import { correctPageEvidence, PendingPages } from './notes/PendingPages';
import { FailedClassifications } from './FailedClassifications';
import { PageEvidenceProblem } from './PageEvidenceProblem';
import { SettingsPane } from './SettingsPane';
import { UnresolvedMentions } from './UnresolvedMentions';
import { useCatchUp } from './useCatchUp';
import { usePanelData, useSuggestedReportIds, type PanelData } from './usePanelData';


function modelStatus(status: ClassifierStatus | null): ModelStatus {
  if (!status || status.state === 'loading') return { status: 'loading' };
  if (status.state === 'error') return { status: 'error', message: status.message };
  if (status.state === 'resting') return { status: 'resting', message: status.modelId };
  if (status.state === 'classifying') return { status: 'classifying', message: `${status.done} labelled in this run` };
  return { status: 'ready', message: status.modelId };
}

/** Catch-up of the Slack tab in front, and how far back each conversation is caught up. */
function HealthCatchUp({ caughtUp }: { caughtUp: PanelData['caughtUp'] }) {
  const catchUp = useCatchUp();
  return (
    <section className="view" aria-label="Catch up">
      <CatchUpControls status={catchUp.status} error={catchUp.error} onStart={catchUp.start} onStop={catchUp.stop} />
      <h3>Caught up</h3>
      <CaughtUpRanges ranges={caughtUp} />
    </section>
  );
}

export function PanelViews({ data }: { data: PanelData }) {
  const { db, people, items, settings } = data;
  const [tab, setTab] = useState('team');
  const [period, setPeriod] = useState<PeriodId>('12w');
  const [personId, setPersonId] = useState<string | null>(null);
  const [notes, setNotes] = useState<{ personId: string; id: string | null; body: string } | null>(null);

  // The current workspace's signed-in user: their own view and self-review, named "Me" until Aspen sees their name.
  const selfId = currentSelfId(settings);
  const self = useMemo(() => {
    const found = selfPerson(people, selfId);
    return found && { ...found, name: found.name || 'Me' };
  }, [people, selfId]);
  // Nobody is their own report, whatever an older version let them tick.
  const reports = useMemo(() => people.filter((p) => p.isReport && p.id !== selfId), [people, selfId]);
  const suggestedIds = useSuggestedReportIds(data, reports.length === 0 || tab === 'settings');
  // Until the manager picks reports, the people they talk with most stand in, else everyone with a signal:
  // either way clearly marked, so a first-time manager sees something useful at once.
  const team = useMemo(() => {
    if (reports.length > 0) return { people: reports, notice: null };
    const suggested = people.filter((p) => suggestedIds.includes(p.id) && p.id !== self?.id);
    if (suggested.length > 0) {
      return { people: suggested, notice: 'Showing the people you talk with most. Confirm your reports in Settings.' };
    }
    const involved = new Set(items.flatMap((item) => (item.label === 'other' ? [] : [item.message.authorId, ...item.subjects])));
    return {
      people: people.filter((p) => involved.has(p.id) && p.id !== self?.id),
      notice: 'Showing everyone with feedback signals so far. Choose your reports in Settings.',
    };
  }, [reports, people, suggestedIds, items, self]);
  const person = self?.id === personId ? self : (people.find((p) => p.id === personId) ?? null);

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
      const pageId = pageIdOfItemKey(key);
      const { learn, ...tag } = correction;
      if (pageId !== null) await correctPageEvidence(db, pageId, correction);
      else if (learn) {
        const shown = items.find((item) => item.key === key);
        const confirmed = shown?.unsure === true && shown.label === correction.label;
        await recordLabelledTag(db, key, tag, confirmed ? 'confirmation' : 'correction');
      } else await setManagerTag(db, key, tag);
      broadcastStoreEvent(pageId !== null ? 'notes' : 'tags');
      // The classifier learns from the new example: start it if it is resting (Chrome's offscreen document).
      if (learn && pageId === null) void browser.runtime.sendMessage({ type: 'wake-classifier' }).catch(() => undefined);
    },
    [db, items],
  );

  const settledItems = useMemo(() => items.filter(isSettled), [items]);
  const modelLabelled = items.filter((item) => item.source === 'model');
  const unsureShare = modelLabelled.length === 0 ? null : modelLabelled.filter((item) => item.unsure).length / modelLabelled.length;

  const saveNotes = useCallback(
    async (body: string) => {
      if (!personId) return;
      const saved = notes?.id ? await updateNote(db, notes.id, { body }) : await addNote(db, { personId, kind: 'note', body });
      setNotes({ personId, id: saved.id, body: saved.body });
      broadcastStoreEvent('notes');
    },
    [db, notes, personId],
  );

  const latestHealth = data.health.toSorted((a, b) => b.updatedAt - a.updatedAt)[0] ?? null;
  const teamRange = periodRange(period, data.loadedAt);
  const teamUnsure = unsureLeftOut(items, [...team.people, ...(self ? [self] : [])].map((p) => p.id), teamRange.from, teamRange.to);

  return (
    <App
      activeTab={tab}
      onTabChange={setTab}
      personLabel={person?.name}
      healthAlert={settings.capturePaused || (latestHealth !== null && !latestHealth.health.recognized) || data.caughtUp.some((range) => range.problem)}
      extraTabs={notesTabs({ data, person, reports, period, onPeriodChange: setPeriod, onOpenSettings: () => setTab('settings') })}
      renderTeam={() => (
        <>
          <PageEvidenceProblem />
          <PendingPages db={db} pages={data.unassignedPages} people={people} />
          {team.notice && team.people.length > 0 && <p className="notice notice-neutral">{team.notice}</p>}
          {data.partial && <p className="meta" aria-live="polite">Loading older evidence…</p>}
          <UnsureNotice unsure={teamUnsure} />
          <TeamView
            people={team.people}
            items={settledItems}
            threadRoots={data.threadRoots}
            now={data.loadedAt}
            period={period}
            onPeriodChange={setPeriod}
            onOpenPerson={openPerson}
            self={self}
            onOpenSettings={() => setTab('settings')}
          />
        </>
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
        <>
          <CaptureHealthView
            health={latestHealth?.health ?? null}
            capturedToday={data.capturedToday}
            queueLength={data.queueLength}
            unsureShare={unsureShare}
            model={modelStatus(data.classifier)}
            capturePaused={settings.capturePaused}
            pauseReason={settings.pauseReason}
            onResumeCapture={() => void browser.runtime.sendMessage({ type: 'resume-capture' })}
            lastCaptureAt={latestHealth?.updatedAt ?? null}
          />
          {/* Under the section's own heading, so the page's heading levels stay in order. */}
          <UnresolvedMentions db={db} people={people} />
          <FailedClassifications db={db} />
          <HealthCatchUp caughtUp={data.caughtUp} />
        </>
      )}
      renderSettings={() => <SettingsPane data={data} suggestedIds={suggestedIds} />}
    />
  );
}

export function Panel() {
  const { data, error } = usePanelData();
  if (error) {
    return (
      <main>
        <p role="alert" className="notice notice-attention">
          {error}
        </p>
      </main>
    );
  }
  if (!data) {
    return (
      <main>
        <p aria-busy="true">Loading Aspen…</p>
      </main>
    );
  }
  return <PanelViews data={data} />;
}

