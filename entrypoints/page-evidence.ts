import { extractPageEvidence } from '@/lib/notes/pageEvidence';

/** Injected on demand (activeTab) into the page the manager chose; reads it and hands it to the background. */
export default defineUnlistedScript(() => {
  const page = extractPageEvidence(document, location.href);
  // The background reports its own failures to the panel; nothing may reject into the page.
  browser.runtime.sendMessage({ type: 'page-evidence', page }).catch(() => undefined);
});
