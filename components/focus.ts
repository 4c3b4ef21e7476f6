/**
 * Moves focus off a list row that an action is about to remove: the panel re-renders once the store has
 * reloaded, and a button taken away with its row leaves a keyboard user's focus on <body>. Focus goes to the
 * next row's `[data-row-focus]`, else the previous row's, else the heading of the view around the list.
 */
export function focusNeighbourRow(from: Element): void {
  const row = from.closest('li');
  const neighbour = [row?.nextElementSibling, row?.previousElementSibling].find((el) => el?.querySelector('[data-row-focus]'));
  const target = neighbour?.querySelector<HTMLElement>('[data-row-focus]') ?? from.closest('.view')?.querySelector<HTMLElement>('h2');
  if (!target) return;
  // A heading takes focus only from code, never from Tab.
  if (!target.matches('a, button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
  target.focus();
}
