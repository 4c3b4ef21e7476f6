import { createRoot } from 'react-dom/client';
import '@/components/aspen.css';
import { SettingsPane } from '../sidepanel/SettingsPane';
import { usePanelData, useSuggestedReportIds, type PanelData } from '../sidepanel/usePanelData';

function OptionsSettings({ data }: { data: PanelData }) {
  const suggestedIds = useSuggestedReportIds(data, true);
  return <SettingsPane data={data} suggestedIds={suggestedIds} />;
}

/** The options page: the panel's Settings, live-updated from the same store. */
function Options() {
  const { data, error } = usePanelData();
  return (
    <div className="aspen-app aspen-options">
      <header className="app-header">
        <h1>Aspen</h1>
      </header>
      <main className="panel">
        {error ? (
          <p role="alert" className="notice notice-attention">
            {error}
          </p>
        ) : data ? (
          <OptionsSettings data={data} />
        ) : (
          <p aria-busy="true">Loading Aspen…</p>
        )}
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Options />);
