import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from '../seeds/generate';
import { renderSlackPage } from '../seeds/render';
import { workspaceSchema } from '../seeds/workspace';

/** npm run seed: writes seeds/workspace.json (ground truth) and seeds/slack.html (the demo client). */
const seedsDir = new URL('../seeds/', import.meta.url);
const workspace = workspaceSchema.parse(generateWorkspace());
await writeFile(new URL('workspace.json', seedsDir), `${JSON.stringify(workspace, null, 1)}\n`);
await writeFile(new URL('slack.html', seedsDir), await renderSlackPage(workspace));
console.log(`${workspace.messages.length} messages in ${workspace.channels.length} conversations → ${fileURLToPath(seedsDir)}`);
