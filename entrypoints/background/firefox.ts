/**
 * Firefox-only APIs that WXT's Chrome-shaped `browser` types do not describe. Feature-checked at run time,
 * so a missing API is a no-op rather than a crash.
 */
interface FirefoxOnlyApis {
  sidebarAction?: { open(): Promise<void> };
  browserAction?: { onClicked: { addListener(listener: () => void): void } };
}

import { runDetached } from './detached';

const firefox = browser as unknown as FirefoxOnlyApis;

export const openFirefoxSidebar = (): void => runDetached('opening the sidebar', firefox.sidebarAction?.open());
export const onFirefoxToolbarClick = (listener: () => void): void => firefox.browserAction?.onClicked.addListener(listener);
