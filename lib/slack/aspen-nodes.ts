/**
 * Every node Aspen puts into Slack's page carries this attribute: its observer ignores mutations in them, and a
 * newer content script finds an older one's nodes by it.
 */
export const ASPEN_NODE_ATTR = 'data-aspen';

/** Whether `node` is, or is inside, a node Aspen added. */
export function isAspenNode(node: Node | null): boolean {
  const element = node?.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
  return element?.closest(`[${ASPEN_NODE_ATTR}]`) != null;
}
