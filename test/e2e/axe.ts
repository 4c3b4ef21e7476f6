import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './extension';

/**
 * Aspen's controls in Slack live in closed shadow roots, which axe (like Slack's scripts) cannot enter. For the
 * check only, each host matching `selector` is given its root as `shadowRoot` in the page's main world, read
 * from Chromium's DOM over CDP; Aspen's own code runs in its isolated world and never sees the change.
 */
async function openAspenRootsToAxe(page: Page, selector: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    for (const nodeId of nodeIds) {
      const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
      const shadow = node.shadowRoots?.[0];
      if (!shadow) continue;
      const host = await cdp.send('DOM.resolveNode', { nodeId });
      const inside = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
      await cdp.send('Runtime.callFunctionOn', {
        objectId: host.object.objectId!,
        functionDeclaration: 'function (root) { Object.defineProperty(this, "shadowRoot", { get: () => root, configurable: true }); }',
        arguments: [{ objectId: inside.object.objectId! }],
      });
    }
    return nodeIds.length;
  } finally {
    await cdp.detach();
  }
}

/**
 * Runs axe-core (WCAG 2.x A and AA, plus best practices) on what the page shows now and fails with each
 * violation's rule, help text and offending elements. `include` limits the check to Aspen's own parts of a
 * page that is not Aspen's (Slack), whose closed shadow roots are opened to axe first.
 */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) {
    expect(await openAspenRootsToAxe(page, include), `Aspen's controls (${include}) on ${where}`).toBeGreaterThan(0);
    builder = builder.include(include);
  }
  const { violations, passes } = await builder.analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `axe on ${where}`).toEqual([]);
  // The check reached the controls: axe passed rules on the buttons inside the roots.
  if (include) expect(passes.some((rule) => rule.id === 'button-name' && rule.nodes.length > 0), `axe reached the buttons on ${where}`).toBe(true);
}
