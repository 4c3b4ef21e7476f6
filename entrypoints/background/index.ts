import { wakeClassifier } from './classifier-host';
import { runDetached } from './detached';
import { onFirefoxToolbarClick, openFirefoxSidebar } from './firefox';
import { installPageEvidenceMenu } from './page-evidence-menu';
import { handleRuntimeRequest } from './requests';
import { scheduleRetention } from './retention-schedule';
import { forwardTagChangesToSlackTabs } from './slack-tabs';
import { takeOverOpenSlackTabs } from './slack-takeover';

export default defineBackground(() => {
  // Chrome opens the side panel from the toolbar button; Firefox toggles its sidebar.
  if (import.meta.env.FIREFOX) onFirefoxToolbarClick(openFirefoxSidebar);
  else runDetached('setting the side panel behaviour', browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }));
  browser.runtime.onMessage.addListener(handleRuntimeRequest);
  installPageEvidenceMenu();
  forwardTagChangesToSlackTabs();
  // Firefox injects the manifest's content scripts into open tabs itself when Aspen is installed or updated.
  if (!import.meta.env.FIREFOX) takeOverOpenSlackTabs();
  scheduleRetention();
  // Work queued before the service worker was stopped resumes as soon as it starts again.
  runDetached('waking the classifier', wakeClassifier());
});
