import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { DEMO_CSS, mountSlackDemo, type Markup } from './page/app';
import type { Workspace } from './workspace';

const PAGE_ENTRY = fileURLToPath(new URL('./page/main.ts', import.meta.url));

/** Keeps embedded text from closing the <script> element it sits in. */
const scriptSafe = (text: string): string => text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/**
 * seeds/slack.html: the demo client, self-contained. The first view (first channel, scrolled to the bottom)
 * is rendered ahead of time so the page parses as Slack even without running its script.
 */
export async function renderSlackPage(workspace: Workspace, markup: Markup = '2025'): Promise<string> {
  const bundle = await build({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
  });
  const script = bundle.outputFiles[0].text;

  const first = workspace.channels[0];
  const window = new Window({ url: `https://app.slack.com/client/${workspace.team.id}/${first.id}` });
  try {
    mountSlackDemo(window as unknown as globalThis.Window, workspace, { markup, mountedRows: 40 });
    const { document } = window;
    const json = JSON.stringify(workspace).replace(/</g, '\\u003c');
    return [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${document.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title>`,
      `<style>${DEMO_CSS}</style>`,
      '</head>',
      '<body>',
      document.body.querySelector('.p-client_container')!.outerHTML,
      `<script type="application/json" id="aspen-workspace">${json}</script>`,
      `<script>${scriptSafe(script)}</script>`,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  } finally {
    await window.happyDOM.close();
  }
}
