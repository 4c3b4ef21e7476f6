import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { exposeClosedShadowRoots } from '../../scripts/chromium';
import { expect } from './extension';

/**
 * Runs axe-core (WCAG 2.x A and AA, plus best practices) on what the page shows now and fails with each
 * violation's rule, help text and offending elements. `include` limits the check to Aspen's own parts of a
 * page that is not Aspen's (Slack), whose closed shadow roots are opened to axe (in the page's main world) first.
 */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) {
    expect(await exposeClosedShadowRoots(page, include), `Aspen's controls (${include}) on ${where}`).toBeGreaterThan(0);
    builder = builder.include(include);
  }
  const { violations, passes } = await builder.analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `axe on ${where}`).toEqual([]);
  // The check reached the controls: axe passed rules on the buttons inside the roots.
  if (include) expect(passes.some((rule) => rule.id === 'button-name' && rule.nodes.length > 0), `axe reached the buttons on ${where}`).toBe(true);
}
