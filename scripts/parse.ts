import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Window } from 'happy-dom';
import { parseSavedSlackPage, readSlackLocation } from '../lib/slack';

/**
 * npm run parse -- PAGE.html [--url https://app.slack.com/client/T…/C…]
 * Prints {"messages":[…],"health":{…}} for a saved Slack page. The page's scripts never run. A page that names
 * no team keeps its rows with `teamId: null` (health says the team is unknown).
 */
const USAGE = 'usage: npm run parse -- PAGE.html [--url URL]';

/** Browsers' "Save page" marks the source: <!-- saved from url=(0052)https://app.slack.com/client/… --> */
const savedFromUrl = (html: string): string | undefined => /<!-- saved from url=\(\d+\)(\S+?) -->/.exec(html)?.[1];

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs<{ options: { url: { type: 'string' } }; allowPositionals: true }>>;
  try {
    args = parseArgs({ options: { url: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    console.error(`parse: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file] = args.positionals;
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch (error) {
    console.error(`parse: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const url = args.values.url ?? savedFromUrl(html) ?? 'https://app.slack.com/';
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    const result = parseSavedSlackPage(doc, readSlackLocation(doc, url));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    await window.happyDOM.close();
  }
}

process.exitCode = await main();
