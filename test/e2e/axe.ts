import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './extension';

/**
 * Runs axe-core (WCAG 2.x A and AA, plus best practices) on what the page shows now and fails with each
 * violation's rule, help text and offending elements. `include` limits the check to Aspen's own parts of a
 * page that is not Aspen's (Slack).
 */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `axe on ${where}`).toEqual([]);
}
