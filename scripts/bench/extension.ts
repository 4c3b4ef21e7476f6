/*
 * The built extension for the benchmarks: built with WXT when its output is older than its sources, then
 * launched in Debian's Chromium through the launcher the e2e suite uses (scripts/chromium.ts).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import { extensionIdOf, launchAspenChromium } from '../chromium';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type ExtensionTarget = 'chrome' | 'firefox';
export const extensionDir = (target: ExtensionTarget): string =>
  join(ROOT, target === 'chrome' ? '.output/chrome-mv3' : '.output/firefox-mv2');

/** Everything a WXT build reads besides node_modules. */
const BUILD_INPUTS = ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of paths) visit(join(ROOT, path));
  return newest;
}

/**
 * Builds the extension unless its manifest is newer than every source file. WXT's log goes to stderr so
 * that stdout stays machine-readable (`npm run bench -- --json`).
 */
export function ensureExtensionBuilt(target: ExtensionTarget): void {
  const builtAt = statSync(join(extensionDir(target), 'manifest.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAt > newestMtime(BUILD_INPUTS)) return;
  process.stderr.write(`building the ${target} extension (its output is older than its sources)…\n`);
  execFileSync('npx', ['wxt', 'build', ...(target === 'firefox' ? ['-b', 'firefox'] : [])], { cwd: ROOT, stdio: ['ignore', 2, 2] });
}

export interface BenchBrowser {
  context: BrowserContext;
  /** Absent without the extension. */
  extensionId?: string;
  /** URLs of requests that tried to leave the browser (refused): anything but the routed Slack page. */
  leaked: string[];
}

/** A fresh Chromium profile, with the freshly built extension or without it (the baseline). */
export async function launchBenchBrowser(withExtension: boolean): Promise<BenchBrowser> {
  if (withExtension) ensureExtensionBuilt('chrome');
  const leaked: string[] = [];
  const context = await launchAspenChromium({
    withExtension,
    onLeak: (url) => {
      if (!leaked.includes(url)) leaked.push(url);
    },
  });
  return { context, leaked, ...(withExtension ? { extensionId: await extensionIdOf(context) } : {}) };
}
