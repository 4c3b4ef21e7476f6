import { ASPEN_NODE_ATTR } from './aspen-nodes';

/**
 * The inside of each host this content script made. Closed roots are out of reach otherwise, so this map (in the content
 * script's isolated world, out of reach of Slack's page scripts) is the only way to them; it also tells this
 * content script's hosts from those an older, orphaned copy left in the page.
 */
const roots = new WeakMap<Element, ShadowRoot>();

export interface AspenHost {
  /** An empty element in Slack's DOM, marked `data-aspen` and the control's own attribute; nothing else. */
  host: HTMLElement;
  root: ShadowRoot;
}

/**
 * Makes the element that holds one of Aspen's controls in Slack's page, its inside in a closed shadow root:
 * Slack's page scripts see an empty element (no text, no message key, no tag state, no names); its styles stop at the host (`css` starts with `:host{all:initial}`) and its observers never see
 * Aspen's writes. `delegatesFocus` makes the host one stop for the keyboard: focusing it (or clicking it)
 * focuses its first control and Tab moves through the rest, which is also how the end-to-end tests drive a
 * control they cannot look into.
 */
export function createAspenHost(
  doc: Document,
  { marker, css, tag = 'span' }: { marker: string; css: string; tag?: 'div' | 'span' },
): AspenHost {
  const host = doc.createElement(tag);
  host.setAttribute(ASPEN_NODE_ATTR, '');
  host.setAttribute(marker, '');
  const root = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  roots.set(host, root);
  return { host, root };
}

/** The shadow root of a host this content script made; undefined for anything else. */
export function aspenShadowRoot(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

/**
 * Removes every Aspen node in the page that this content script did not make: what an older copy left behind
 * when the extension was updated or reloaded and could not clean up itself. Returns how many went.
 */
export function removeForeignAspenNodes(doc: Document): number {
  const foreign = [...doc.querySelectorAll(`[${ASPEN_NODE_ATTR}]`)].filter((node) => !roots.has(node));
  for (const node of foreign) node.remove();
  return foreign.length;
}
