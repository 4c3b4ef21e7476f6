import { aspenShadowRoot, createAspenHost } from './aspen-host';
import type { RenderedRow } from './parse';
import type { CapturedMessage } from './types';

/** Marks the host of a row's Recognition controls in Slack's DOM; their inside is a closed shadow root. */
export const RECOGNITION_HOST_ATTR = 'data-aspen-recognition';
const TAG_TITLE = 'Aspen: tag this message as recognition (stays on this computer)';
const TAGGED_TITLE = 'Aspen: tagged as recognition; press to remove the tag';

/**
 * The tag button has one width whatever it says, so the host's size (all Slack's scripts can measure of it)
 * does not tell tagged messages from the others.
 */
const CSS = `
:host{all:initial;position:absolute;top:4px;right:96px;z-index:5;display:inline-flex;gap:2px;font:600 12px/1.2 system-ui,sans-serif}
button{font:inherit;border:1px solid #7a5a00;background:#fff8e1;color:#4a3600;border-radius:6px;padding:2px 6px;cursor:pointer;opacity:.85}
button[data-action="tag"]{width:9.5em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;text-align:center}
button[aria-pressed="true"]{background:#1f6f43;border-color:#1f6f43;color:#fff;opacity:1}
button:focus-visible,input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px;opacity:1}
[role="dialog"]{position:absolute;top:26px;right:0;min-width:200px;background:#fff;color:#1d1c1d;border:1px solid #8c8c8c;border-radius:8px;padding:8px;box-shadow:0 4px 16px rgba(0,0,0,.2)}
label{display:flex;gap:6px;align-items:center;font-weight:400;padding:2px 0}
p{margin:0 0 4px;font-weight:400;color:#454245}`;

/** The message key behind each host this content script made (never written into Slack's DOM). */
const hostKeys = new WeakMap<Element, string>();
/** Rows whose `position` Aspen set to anchor its controls; put back when Aspen leaves the page. */
const positionedRows = new WeakSet<HTMLElement>();

export interface RecognitionButtonOptions {
  /**
   * The message behind a key as last parsed (continuation rows only know their author from the rows above).
   * Asked at every click: a button never keeps its own copy, which an edit would make stale.
   */
  capturedMessage(key: string): CapturedMessage | undefined;
  /** People the manager can pick as subjects, besides the message's own mentions and author. */
  people(): ReadonlyArray<{ id: string; name: string }>;
  taggedKeys(keys: string[]): Promise<ReadonlySet<string>>;
  /** Tags the stored message behind `key`; rejects with the reason when the tag was not saved. */
  tag(key: string, subjects: string[]): Promise<void>;
  /** Removes the manager's tag from the message behind `key`; rejects with the reason when it stays. */
  untag(key: string): Promise<void>;
}

function defaultSubjects(message: CapturedMessage): string[] {
  const mentioned = message.mentions.map((m) => m.id).filter((id) => id && id !== message.authorId);
  if (mentioned.length > 0) return [...new Set(mentioned)];
  return message.authorId ? [message.authorId] : [];
}

function candidates(message: CapturedMessage, options: RecognitionButtonOptions) {
  const byId = new Map<string, string>();
  for (const m of message.mentions) if (m.id) byId.set(m.id, m.label.replace(/^@/, ''));
  if (message.authorId) byId.set(message.authorId, message.authorName || message.authorId);
  for (const p of options.people()) if (!byId.has(p.id)) byId.set(p.id, p.name);
  return [...byId].map(([id, name]) => ({ id, name }));
}

/** What each control shows, so that a pass over unchanged rows writes nothing to Slack's page. */
const shownTagged = new WeakMap<ShadowRoot, boolean>();

const tagButtonOf = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>('button[data-action="tag"]');

function showTagged(root: ShadowRoot, tagged: boolean): void {
  if (shownTagged.get(root) === tagged) return;
  const button = tagButtonOf(root);
  if (!button) return;
  shownTagged.set(root, tagged);
  button.title = tagged ? TAGGED_TITLE : TAG_TITLE;
  button.setAttribute('aria-pressed', String(tagged));
  button.textContent = tagged ? '★ Recognized' : '☆ Recognition';
}

/** A tag that was not saved says so, and why, on the button itself; pressing it again retries. */
function showTagFailed(root: ShadowRoot, error: unknown): void {
  const button = tagButtonOf(root);
  if (!button) return;
  shownTagged.delete(root);
  const reason = error instanceof Error ? error.message : String(error);
  button.setAttribute('aria-pressed', 'false');
  button.textContent = '⚠ Not saved';
  button.title = `Aspen could not save this recognition: ${reason}. Press to try again.`;
}

/** Saves the tag and shows the outcome: recognized, or the error. Never rejects into Slack's page. */
function saveTag(root: ShadowRoot, key: string, subjects: string[], options: RecognitionButtonOptions): void {
  options.tag(key, subjects).then(
    () => showTagged(root, true),
    (error: unknown) => showTagFailed(root, error),
  );
}

/** Takes the tag back (the button is a toggle); a tag that could not be removed stays shown, with the reason. */
function removeTag(root: ShadowRoot, key: string, options: RecognitionButtonOptions): void {
  options.untag(key).then(
    () => showTagged(root, false),
    (error: unknown) => {
      const button = tagButtonOf(root);
      if (button) button.title = `Aspen could not remove this tag: ${error instanceof Error ? error.message : String(error)}. Press to try again.`;
    },
  );
}

/**
 * Who the recognition is for: a checkbox per candidate, the defaults ticked. Space ticks, Enter saves,
 * Escape closes; focus goes back to the button that opened it.
 */
function openSubjectPicker(root: ShadowRoot, opener: HTMLElement, key: string, message: CapturedMessage, options: RecognitionButtonOptions): void {
  root.querySelector('[role="dialog"]')?.remove();
  const doc = opener.ownerDocument;
  const dialog = doc.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-label', 'Who is this recognition for?');
  const hint = doc.createElement('p');
  hint.textContent = 'Space ticks, Enter saves, Escape closes.';
  dialog.append(hint);
  const chosen = new Set(defaultSubjects(message));
  for (const person of candidates(message, options)) {
    const label = doc.createElement('label');
    const box = doc.createElement('input');
    box.type = 'checkbox';
    box.value = person.id;
    box.checked = chosen.has(person.id);
    label.append(box, doc.createTextNode(person.name));
    dialog.append(label);
  }
  const close = () => {
    dialog.remove();
    opener.focus();
  };
  const save = doc.createElement('button');
  save.type = 'button';
  save.textContent = 'Save';
  save.addEventListener('click', () => {
    const subjects = [...dialog.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value);
    saveTag(root, key, subjects, options);
    close();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
    else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) save.click();
    else return;
    event.preventDefault();
    // Slack's own shortcuts must not act on keys meant for the picker.
    event.stopPropagation();
  });
  dialog.append(save);
  root.append(dialog);
  dialog.querySelector<HTMLInputElement>('input')?.focus();
}

function buildControls(doc: Document, key: string, options: RecognitionButtonOptions): { host: HTMLElement; root: ShadowRoot } {
  const { host, root } = createAspenHost(doc, { marker: RECOGNITION_HOST_ATTR, css: CSS });
  hostKeys.set(host, key);
  const tagButton = doc.createElement('button');
  tagButton.type = 'button';
  tagButton.dataset.action = 'tag';
  tagButton.title = TAG_TITLE;
  tagButton.addEventListener('click', () => {
    if (shownTagged.get(root) === true) return removeTag(root, key, options);
    const message = options.capturedMessage(key);
    if (message) saveTag(root, key, defaultSubjects(message), options);
  });
  const pickButton = doc.createElement('button');
  pickButton.type = 'button';
  pickButton.textContent = '▾';
  pickButton.setAttribute('aria-label', 'Choose who the recognition is for');
  pickButton.addEventListener('click', () => {
    const message = options.capturedMessage(key);
    if (message) openSubjectPicker(root, pickButton, key, message, options);
  });
  root.append(tagButton, pickButton);
  showTagged(root, false);
  return { host, root };
}

/** This content script's Recognition hosts in the page, by message key. */
function hostsByKey(doc: Document): Map<string, ShadowRoot[]> {
  const all = new Map<string, ShadowRoot[]>();
  for (const host of doc.querySelectorAll(`[${RECOGNITION_HOST_ATTR}]`)) {
    const key = hostKeys.get(host);
    const root = aspenShadowRoot(host);
    if (key !== undefined && root) all.set(key, [...(all.get(key) ?? []), root]);
  }
  return all;
}

/** Asks for the stored tags of `roots`' messages and shows them. */
async function showStoredTags(roots: Map<string, ShadowRoot[]>, options: RecognitionButtonOptions): Promise<void> {
  if (roots.size === 0) return;
  const tagged = await options.taggedKeys([...roots.keys()]);
  for (const [key, list] of roots) for (const root of list) showTagged(root, tagged.has(key));
}

/**
 * Puts a "Recognition" button on every rendered message row: once per row, re-applied when Slack mounts a
 * row again, and showing whether the message is already tagged. `rendered` comes from the capture parse of
 * the same moment, so rows are not read twice. Rows that already have their button cost nothing: no DOM
 * write and no question to the background (tags changed elsewhere come through `refreshRecognitionTags`).
 * Never throws into Slack's page.
 */
export async function decorateRecognitionButtons(
  doc: Document,
  rendered: readonly RenderedRow[],
  options: RecognitionButtonOptions,
): Promise<void> {
  try {
    const built = new Map<string, ShadowRoot[]>();
    const bare: RenderedRow[] = [];
    for (const { row, key } of rendered) {
      const existing = row.querySelector(`:scope > [${RECOGNITION_HOST_ATTR}]`);
      if (existing && hostKeys.get(existing) === key) continue;
      // A virtualized row reused for another message, or a button an older copy of Aspen left: it goes.
      existing?.remove();
      if (options.capturedMessage(key)) bare.push({ row, key });
    }
    if (bare.length === 0) return;
    // Every style read before any write: a read after each row's write would restyle Slack's page once per row.
    const view = doc.defaultView;
    const isStatic = bare.map(({ row }) => !!view && row instanceof view.HTMLElement && view.getComputedStyle(row).position === 'static');
    bare.forEach(({ row, key }, i) => {
      if (isStatic[i]) {
        (row as HTMLElement).style.position = 'relative';
        positionedRows.add(row as HTMLElement);
      }
      const { host, root } = buildControls(doc, key, options);
      row.append(host);
      built.set(key, [...(built.get(key) ?? []), root]);
    });
    await showStoredTags(built, options);
  } catch {
    // Slack's page must never see an exception from Aspen; capture health reports markup problems.
  }
}

/** Shows the stored tags again on every button in the page: the manager tagged or untagged somewhere else. */
export async function refreshRecognitionTags(doc: Document, options: RecognitionButtonOptions): Promise<void> {
  try {
    await showStoredTags(hostsByKey(doc), options);
  } catch {
    // As above: never into Slack's page.
  }
}

/** Takes every Recognition control this content script added out of the page, and the row styles it set. */
export function removeRecognitionButtons(doc: Document): void {
  for (const host of doc.querySelectorAll(`[${RECOGNITION_HOST_ATTR}]`)) {
    if (!hostKeys.has(host)) continue;
    const row = host.parentElement;
    host.remove();
    if (row && positionedRows.has(row)) {
      row.style.position = '';
      positionedRows.delete(row);
    }
  }
}
