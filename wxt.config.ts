import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { CLASSIFIER_ASSETS, ORT_WEB_ALIAS } from './lib/classify/model-files';
import { ensureUseLiteModel } from './scripts/model';

/**
 * Every extension page (panel, options, offscreen, background) may load and connect only to the extension
 * itself: "nothing leaves the browser" is enforced by the browser, not only promised. The model's wasm needs
 * 'wasm-unsafe-eval'; its weights and wasm files are fetched from the extension ('self').
 */
const EXTENSION_PAGES_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'self'";

// See README "Permissions" for why each one is needed.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({
    resolve: { alias: Object.fromEntries(Object.entries(ORT_WEB_ALIAS).map(([name, path]) => [name, resolve(path)])) },
  }),
  hooks: {
    // The model ships inside the extension, never fetched: the converted model folder (converted first when
    // missing or stale, see scripts/model.ts) and onnxruntime-web's wasm are copied in.
    'build:publicAssets': (_wxt, files) => {
      console.log(ensureUseLiteModel());
      for (const asset of CLASSIFIER_ASSETS) {
        files.push({ absoluteSrc: resolve(asset.from), relativeDest: asset.to.replace(/^\//, '') });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: 'Aspen',
    description: 'A private record of the feedback your team gives and gets in Slack. Nothing leaves your browser.',
    permissions: ['alarms', 'contextMenus', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen'])],
    // Chrome: the site the content script already runs on, and no other. Finding open Slack tabs and giving them
    // the new content script after an install or update (entrypoints/background/slack-takeover.ts) needs it;
    // Firefox does that by itself, so it is not asked for there.
    ...(browser === 'firefox' ? {} : { host_permissions: ['https://app.slack.com/*'] }),
    action: { default_title: 'Open Aspen' },
    content_security_policy: browser === 'firefox' ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
    // Cross-origin isolation of Chrome's extension pages, so that onnxruntime-web can share wasm memory
    // with its own threads: one copy of the model uses every core (lib/classify/extension-source.ts).
    // Chrome 116 is the first with everything the background calls: sidePanel (114) and sidePanel.open and
    // runtime.getContexts (116), offscreen (109). Promise-returning onMessage listeners come from
    // webextension-polyfill on every version.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    ...(browser === 'firefox'
      ? {}
      : { cross_origin_embedder_policy: { value: 'require-corp' }, cross_origin_opener_policy: { value: 'same-origin' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'aspen@aspen.local',
              // data_collection_permissions is read from Firefox 140 (desktop) and 142 (Android); older releases
              // would install Aspen without its "collects nothing" declaration.
              strict_min_version: '140.0',
              // Aspen collects nothing: every record stays in this browser's IndexedDB.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
