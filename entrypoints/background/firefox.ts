/**
 * Firefox-only APIs that WXT's Chrome-shaped `browser` types do not describe. Feature-checked at run time,
 * so a missing API is a no-op rather than a crash.
 */
interface FirefoxOnlyApis {
  sidebarAction?: { open(): Promise<void> };
  browserAction?: { onClicked: { addListener(listener: () => void): void } };
}

const firefox = browser as unknown as FirefoxOnlyApis;

export const openFirefoxSidebar = (): void => void firefox.sidebarAction?.open();
export const onFirefoxToolbarClick = (listener: () => void): void => firefox.browserAction?.onClicked.addListener(listener);
