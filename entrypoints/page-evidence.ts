import { extractPageEvidence } from '@/lib/notes/pageEvidence';

/** Injected on demand (activeTab) into the page the manager chose; reads it and hands it to the background. */
export default defineUnlistedScript(() => {
  const page = extractPageEvidence(document, location.href);
  void browser.runtime.sendMessage({ type: 'page-evidence', page });
});
