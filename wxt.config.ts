import { defineConfig } from 'wxt';

// See README "Permissions" for why each one is needed.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'Aspen',
    description: 'A private record of the feedback your team gives and gets in Slack. Nothing leaves your browser.',
    permissions: [
      'contextMenus',
      'activeTab',
      'scripting',
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    action: { default_title: 'Open Aspen' },
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
        : { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'aspen@aspen.local', strict_min_version: '115.0' } } }
      : {}),
  }),
});
