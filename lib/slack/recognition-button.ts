import { ASPEN_NODE_ATTR } from './aspen-nodes';
import type { RenderedRow } from './parse';
import type { CapturedMessage } from './types';

/** Everything Aspen adds to Slack's page carries this prefix, so it is never mistaken for Slack's own markup. */
const ROOT_CLASS = 'aspen-recognition';
const KEY_ATTR = 'data-aspen-key';
const STYLE_ID = 'aspen-recognition-style';
const TAG_TITLE = 'Aspen: tag this message as recognition (stays on this computer)';

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
}

function ensureStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.setAttribute(ASPEN_NODE_ATTR, '');
  style.textContent = `
.${ROOT_CLASS}{position:absolute;top:4px;right:96px;z-index:5;display:inline-flex;gap:2px;font:600 12px/1.2 system-ui,sans-serif}
.${ROOT_CLASS} button{border:1px solid #7a5a00;background:#fff8e1;color:#4a3600;border-radius:6px;padding:2px 6px;cursor:pointer;opacity:.85}
.${ROOT_CLASS} button[aria-pressed="true"]{background:#1f6f43;border-color:#1f6f43;color:#fff;opacity:1}
.${ROOT_CLASS} button:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px;opacity:1}
.${ROOT_CLASS} [role="dialog"]{position:absolute;top:26px;right:0;min-width:200px;background:#fff;color:#1d1c1d;border:1px solid #8c8c8c;border-radius:8px;padding:8px;box-shadow:0 4px 16px rgba(0,0,0,.2)}
.${ROOT_CLASS} label{display:flex;gap:6px;align-items:center;font-weight:400;padding:2px 0}`;
  doc.head.append(style);
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
const shownTagged = new WeakMap<Element, boolean>();

function showTagged(root: Element, tagged: boolean): void {
  if (shownTagged.get(root) === tagged) return;
  const button = root.querySelector<HTMLButtonElement>('button[data-aspen-action="tag"]');
  if (!button) return;
  shownTagged.set(root, tagged);
  button.title = TAG_TITLE;
  button.setAttribute('aria-pressed', String(tagged));
  button.textContent = tagged ? '★ Recognized' : '☆ Recognition';
}

/** A tag that was not saved says so, and why, on the button itself; pressing it again retries. */
function showTagFailed(root: Element, error: unknown): void {
  const button = root.querySelector<HTMLButtonElement>('button[data-aspen-action="tag"]');
  if (!button) return;
  shownTagged.delete(root);
  const reason = error instanceof Error ? error.message : String(error);
  button.setAttribute('aria-pressed', 'false');
  button.textContent = '⚠ Not saved';
  button.title = `Aspen could not save this recognition: ${reason}. Press to try again.`;
}

/** Saves the tag and shows the outcome: recognized, or the error. Never rejects into Slack's page. */
function saveTag(root: Element, key: string, subjects: string[], options: RecognitionButtonOptions): void {
  options.tag(key, subjects).then(
    () => showTagged(root, true),
    (error: unknown) => showTagFailed(root, error),
  );
}

function openSubjectPicker(root: HTMLElement, key: string, message: CapturedMessage, options: RecognitionButtonOptions): void {
  root.querySelector('[role="dialog"]')?.remove();
  const doc = root.ownerDocument;
  const dialog = doc.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-label', 'Who is this recognition for?');
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
  const save = doc.createElement('button');
  save.type = 'button';
  save.textContent = 'Save';
  save.addEventListener('click', () => {
    const subjects = [...dialog.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value);
    saveTag(root, key, subjects, options);
    dialog.remove();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') dialog.remove();
  });
  dialog.append(save);
  root.append(dialog);
  dialog.querySelector<HTMLInputElement>('input')?.focus();
}

function buildControls(doc: Document, key: string, options: RecognitionButtonOptions): HTMLElement {
  const root = doc.createElement('span');
  root.className = ROOT_CLASS;
  root.setAttribute(ASPEN_NODE_ATTR, '');
  root.setAttribute(KEY_ATTR, key);
  const tagButton = doc.createElement('button');
  tagButton.type = 'button';
  tagButton.dataset.aspenAction = 'tag';
  tagButton.title = TAG_TITLE;
  tagButton.addEventListener('click', () => {
    const message = options.capturedMessage(key);
    if (message) saveTag(root, key, defaultSubjects(message), options);
  });
  const pickButton = doc.createElement('button');
  pickButton.type = 'button';
  pickButton.textContent = '▾';
  pickButton.setAttribute('aria-label', 'Choose who the recognition is for');
  pickButton.addEventListener('click', () => {
    const message = options.capturedMessage(key);
    if (message) openSubjectPicker(root, key, message, options);
  });
  root.append(tagButton, pickButton);
  showTagged(root, false);
  return root;
}

/** Asks for the stored tags of `roots`' messages and shows them. */
async function showStoredTags(roots: Map<string, HTMLElement[]>, options: RecognitionButtonOptions): Promise<void> {
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
    const built = new Map<string, HTMLElement[]>();
    const bare: RenderedRow[] = [];
    for (const { row, key } of rendered) {
      const existing = row.querySelector<HTMLElement>(`:scope > .${ROOT_CLASS}`);
      if (existing?.getAttribute(KEY_ATTR) === key) continue;
      // A virtualized row can be reused for another message: its old button goes.
      existing?.remove();
      if (options.capturedMessage(key)) bare.push({ row, key });
    }
    if (bare.length === 0) return;
    ensureStyle(doc);
    // Every style read before any write: a read after each row's write would restyle Slack's page once per row.
    const view = doc.defaultView;
    const isStatic = bare.map(({ row }) => !!view && row instanceof view.HTMLElement && view.getComputedStyle(row).position === 'static');
    bare.forEach(({ row, key }, i) => {
      if (isStatic[i]) (row as HTMLElement).style.position = 'relative';
      const controls = buildControls(doc, key, options);
      row.append(controls);
      built.set(key, [...(built.get(key) ?? []), controls]);
    });
    await showStoredTags(built, options);
  } catch {
    // Slack's page must never see an exception from Aspen; capture health reports markup problems.
  }
}

/** Shows the stored tags again on every button in the page: the manager tagged or untagged somewhere else. */
export async function refreshRecognitionTags(doc: Document, options: RecognitionButtonOptions): Promise<void> {
  try {
    const all = new Map<string, HTMLElement[]>();
    for (const root of doc.querySelectorAll<HTMLElement>(`.${ROOT_CLASS}[${KEY_ATTR}]`)) {
      const key = root.getAttribute(KEY_ATTR)!;
      all.set(key, [...(all.get(key) ?? []), root]);
    }
    await showStoredTags(all, options);
  } catch {
    // As above: never into Slack's page.
  }
}
