import { OFFSCREEN_DRAIN_REQUEST } from '@/lib/messaging';

let creating: Promise<void> | undefined;

/** Chrome: the model runs in an offscreen document, off Slack's main thread and outside the service worker. */
async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL('/offscreen.html');
  const existing = await browser.runtime.getContexts({ contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
  if (existing.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({
      url,
      reasons: [browser.offscreen.Reason.WORKERS],
      justification: 'Starts the workers that run the on-device message classifier (WebAssembly) off the Slack page.',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

let firefoxService: Promise<{ wake(): Promise<void> }> | undefined;

/** Firefox: the background page is a full page, so the same queue service runs right here. */
async function firefoxQueueService() {
  firefoxService ??= import('@/lib/classify/host-page').then(({ startQueueServiceInPage }) => startQueueServiceInPage());
  return firefoxService;
}

/** Asks the classifier to drain the persistent queue; safe to call often. */
export async function wakeClassifier(): Promise<void> {
  if (import.meta.env.FIREFOX) {
    await (await firefoxQueueService()).wake();
    return;
  }
  await ensureOffscreenDocument();
  await browser.runtime.sendMessage(OFFSCREEN_DRAIN_REQUEST).catch(() => undefined);
}
