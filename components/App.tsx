import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface AppTab {
  id: string;
  label: string;
  render: () => ReactNode;
}

export interface AppProps {
  activeTab: string;
  onTabChange: (tabId: string) => void;
  renderTeam: () => ReactNode;
  renderPerson: () => ReactNode;
  renderHealth: () => ReactNode;
  renderSettings: () => ReactNode;
  /** Label of the person tab, e.g. the open person's name. */
  personLabel?: string;
  /** Marks the Health tab when capture needs the manager's attention. */
  healthAlert?: boolean;
  /** Further views (1:1 prep, review, calibration), placed after Person. */
  extraTabs?: readonly AppTab[];
}

/** The side panel's shell: a header and one tab list; only the active view renders. */
export function App(props: AppProps) {
  const { activeTab, onTabChange, personLabel, healthAlert, extraTabs = [] } = props;
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const tabs: AppTab[] = [
    { id: 'team', label: 'Team', render: props.renderTeam },
    { id: 'person', label: personLabel ?? 'Person', render: props.renderPerson },
    ...extraTabs,
    { id: 'health', label: healthAlert ? 'Health (needs attention)' : 'Health', render: props.renderHealth },
    { id: 'settings', label: 'Settings', render: props.renderSettings },
  ];
  const active = tabs.find((t) => t.id === activeTab) ?? tabs[0];

  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((t) => t.id === active.id);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : null;
    if (next === null) return;
    event.preventDefault();
    onTabChange(tabs[next].id);
    tabRefs.current.get(tabs[next].id)?.focus();
  }

  return (
    <div className="aspen-app">
      <header className="app-header">
        <h1>Aspen</h1>
      </header>
      <nav aria-label="Views">
        <div role="tablist" aria-label="Views" className="tabs" onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              ref={(el) => {
                if (el) tabRefs.current.set(tab.id, el);
                else tabRefs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={tab.id === active.id}
              aria-controls={tab.id === active.id ? `panel-${tab.id}` : undefined}
              tabIndex={tab.id === active.id ? 0 : -1}
              className={`tab${tab.id === 'health' && healthAlert ? ' tab-alert' : ''}`}
              onClick={() => onTabChange(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </div>
      </nav>
      {/* The tab panel sits inside the one main landmark: a main element may not take the tabpanel role. */}
      <main>
        <div role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`} className="panel" tabIndex={-1}>
          {active.render()}
        </div>
      </main>
    </div>
  );
}
