import { createAspenHost } from './aspen-host';
import css from './catch-up-control.css?inline';
import { CATCH_UP_WEEKS, DEFAULT_CATCH_UP_WEEKS, catchUpTarget, catchUpTargetFromDate, describeCatchUp } from './catch-up';
import { anyOf } from './selectors';
import type { CatchUpStatus } from './types';

/**
 * Marks Aspen's own element in Slack's header; its inside is a closed shadow root, out of Slack's styles, observers
 * and scripts, like the Recognition controls'. Tests drive it by keyboard (the host delegates focus) and read its
 * status from the accessibility tree or the side panel, which shows the same catch-up.
 */
export const CATCH_UP_HOST_ATTR = 'data-aspen-catch-up';

export interface CatchUpControlOptions {
  start(targetMs: number, full: boolean, threads: boolean): void;
  stop(): void;
}

export interface CatchUpControl {
  /** Puts the control back when Slack re-rendered its header (a channel switch does). */
  ensureMounted(): void;
  update(status: CatchUpStatus | null): void;
  dispose(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/** "Catch up back to [12 weeks ▾] [Catch up]" beside the conversation's name, with progress and Stop while it runs. */
export function mountCatchUpControl(doc: Document, options: CatchUpControlOptions): CatchUpControl {
  const { host, root } = createAspenHost(doc, { marker: CATCH_UP_HOST_ATTR, css, tag: 'div' });
  const bar = el(doc, 'div', { class: 'bar', role: 'group', 'aria-label': 'Aspen: catch up this conversation' });
  const label = el(doc, 'label', {}, 'Catch up back to ');
  const choice = el(doc, 'select', { 'data-field': 'weeks' });
  for (const weeks of CATCH_UP_WEEKS) choice.append(el(doc, 'option', { value: String(weeks) }, `${weeks} weeks`));
  choice.append(el(doc, 'option', { value: 'date' }, 'a date…'));
  choice.value = String(DEFAULT_CATCH_UP_WEEKS);
  label.append(choice);
  const date = el(doc, 'input', { type: 'date', 'aria-label': 'Catch up back to this date', hidden: '' });
  const fullLabel = el(doc, 'label', {}, ' Read stored history again');
  const full = el(doc, 'input', { type: 'checkbox', 'data-field': 'full' });
  fullLabel.prepend(full);
  const threadsLabel = el(doc, 'label', {}, ' Include thread replies (slower)');
  const threads = el(doc, 'input', { type: 'checkbox', 'data-field': 'threads' });
  threadsLabel.prepend(threads);
  const start = el(doc, 'button', { type: 'button', 'data-action': 'start' }, 'Catch up');
  const stop = el(doc, 'button', { type: 'button', 'data-action': 'stop', hidden: '' }, 'Stop');
  const progress = el(doc, 'progress', { max: '1', value: '0', 'aria-label': 'Catch-up progress toward the date', hidden: '' });
  const status = el(doc, 'span', { class: 'status', role: 'status', 'aria-live': 'polite' });
  bar.append(el(doc, 'span', { class: 'brand' }, 'Aspen'), label, date, fullLabel, threadsLabel, start, stop, progress, status);
  root.append(bar);

  const target = (): number | null => (choice.value === 'date' ? catchUpTargetFromDate(date.value) : catchUpTarget(Number(choice.value)));
  choice.addEventListener('change', () => {
    date.hidden = choice.value !== 'date';
  });
  start.addEventListener('click', () => {
    const targetMs = target();
    if (targetMs === null) {
      status.textContent = 'Pick a date to catch up to.';
      date.focus();
      return;
    }
    options.start(targetMs, full.checked, threads.checked);
    if (!stop.hidden) stop.focus();
  });
  stop.addEventListener('click', () => options.stop());

  const control: CatchUpControl = {
    ensureMounted() {
      if (host.isConnected) return;
      doc.querySelector(anyOf('viewHeader'))?.append(host);
    },
    update(current) {
      const running = current?.running ?? false;
      const focusWasOnStop = root.activeElement === stop;
      start.hidden = running;
      stop.hidden = !running;
      choice.disabled = running;
      full.disabled = running;
      threads.disabled = running;
      progress.hidden = current === null;
      progress.value = current?.fraction ?? 0;
      status.textContent = current ? describeCatchUp(current) : '';
      // The line is cut to fit Slack's header; the whole of it is a hover away.
      status.title = status.textContent;
      if (focusWasOnStop && !running) start.focus();
    },
    dispose() {
      host.remove();
    },
  };
  control.ensureMounted();
  return control;
}
