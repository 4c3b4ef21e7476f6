import { startQueueServiceInPage } from '@/lib/classify/host-page';
import { isOffscreenDrainRequest } from '@/lib/messaging';

const service = startQueueServiceInPage();
browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isOffscreenDrainRequest(message)) return undefined;
  void service.then((queue) => queue.wake());
  return undefined;
});
void service.then((queue) => queue.wake());
