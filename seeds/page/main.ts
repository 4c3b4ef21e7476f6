import { movedForward } from '../bring-forward';
import { generateWorkspace } from '../generate';
import type { Workspace } from '../workspace';
import { LOCAL_CONFIG_KEY } from '../../lib/slack/selectors';
import { mountSlackDemo, type Markup, type SlackDemo } from './app';

/**
 * Browser entry of seeds/slack.html: ?markup=2024|2025, ?size=N (generated workspace), ?rows=N (mounted rows),
 * ?history=N (messages per page of lazily loaded history; the parser bench loads all its rows at once),
 * ?weeks=N (every message N weeks later: the caller moves its own copy of the ground truth the same way).
 */
declare global {
  interface Window {
    slackDemo?: SlackDemo;
    /** Set before load to replace parts of the embedded workspace (tests, benchmarks). */
    __aspenSeed?: Partial<Workspace>;
    __aspenMarkup?: Markup;
  }
}

const params = new URLSearchParams(window.location.search);
const embedded = document.getElementById('aspen-workspace')?.textContent ?? '';
const size = Number.parseInt(params.get('size') ?? '', 10);
const weeks = Number.parseInt(params.get('weeks') ?? '', 10);
const generated: Workspace = size > 0 ? generateWorkspace({ messageCount: size }) : (JSON.parse(embedded) as Workspace);
const base = weeks > 0 ? movedForward(generated, weeks) : generated;
const workspace: Workspace = { ...base, ...window.__aspenSeed };
const markup: Markup = params.get('markup') === '2024' || window.__aspenMarkup === '2024' ? '2024' : '2025';
const rows = Number.parseInt(params.get('rows') ?? '', 10);
const history = Number.parseInt(params.get('history') ?? '', 10);

// Slack's web client keeps the signed-in user in localStorage; the demo signs in as the workspace's manager.
localStorage.setItem(LOCAL_CONFIG_KEY, JSON.stringify({ teams: { [workspace.team.id]: { user_id: workspace.selfId } }, lastActiveTeamId: workspace.team.id }));

window.slackDemo = mountSlackDemo(window, workspace, { markup, mountedRows: rows > 0 ? rows : 40, historyPage: history > 0 ? history : undefined });
