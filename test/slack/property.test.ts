// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSlackMessages } from '../../lib/slack/parse';
import { capturedMessageSchema, captureHealthSchema, type ParseResult } from '../../lib/slack/types';
import { listHtml, messageRowHtml, pageHtml, parseHtml, separatorHtml, threadPaneHtml } from './fixtures';

const tsArb = fc.oneof(
  fc.constantFrom('1704944089.846389', '1704944000.000100', '1704944000'),
  fc.tuple(fc.integer({ min: 100_000_000, max: 99_999_999_999 }), fc.integer({ min: 0, max: 999_999 })).map(([s, u]) => `${s}.${u}`),
);
const valueArb = fc.oneof(
  fc.constantFrom(
    'message_container', 'virtual-list-item', 'c-virtual_list__item', 'listitem', 'list', 'c-message_kit__message',
    'c-timestamp', 'message_sender', 'message_sender_name', 'message-text', 'c-mrkdwn__mention', 'c-member_slug', 'reaction_bar',
    'reactji', 'c-reaction__count', 'reply_bar', 'reply_bar_count', 'threads_flexpane', 'c-message_kit__thread_message--root',
    'separator', 'true', 'C01RSNX4WQ3', 'U04137R0R1U', 'T0ELQUJE4-U04137R0R1U-x', '@Priya', ':tada:', 'p-client_container',
    'https://acme.slack.com/archives/C01RSNX4WQ3/p1704944089846389?thread_ts=1704944000.000100',
  ),
  tsArb,
  fc.string({ maxLength: 12 }),
);
const ATTRS = [
  'data-qa', 'class', 'data-msg-ts', 'data-item-key', 'data-ts', 'href', 'id', 'data-message-sender', 'data-member-id', 'data-member-label',
  'data-stringify-emoji', 'data-stringify-text', 'src', 'alt', 'aria-roledescription', 'data-qa-placeholder', 'role', 'data-msg-channel-id',
] as const;
const TAGS = ['div', 'span', 'a', 'button', 'img', 'pre', 'br', 'p'] as const;

interface RandomNode {
  tag: (typeof TAGS)[number];
  attrs: Array<[(typeof ATTRS)[number], string]>;
  text: string;
  children: RandomNode[];
}
const { node: nodeArb } = fc.letrec<{ node: RandomNode }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attrs: fc.array(fc.tuple(fc.constantFrom(...ATTRS), valueArb), { maxLength: 4 }),
    text: fc.string({ maxLength: 8 }),
    children: fc.oneof(
      { maxDepth: 5, depthIdentifier: 'tree' },
      fc.constant([]),
      fc.array(tie('node'), { maxLength: 4, depthIdentifier: 'tree' }),
    ) as fc.Arbitrary<RandomNode[]>,
  }),
}));

function build(doc: Document, spec: RandomNode): Element {
  const el = doc.createElement(spec.tag);
  for (const [name, value] of spec.attrs) el.setAttribute(name, value);
  el.append(spec.text, ...spec.children.map((child) => build(doc, child)));
  return el;
}

/** Holds for any input: valid records, no internal error, and only ts values that the markup contains. */
function expectSound(doc: Document, result: ParseResult) {
  // Every attribute value and text in the tree (outerHTML would drop children moved into void elements).
  const markup = [...doc.querySelectorAll('*')]
    .flatMap((el) => [...el.attributes].map((attribute) => attribute.value))
    .concat(doc.documentElement.textContent ?? '')
    .join('\n');
  captureHealthSchema.parse(result.health);
  expect(result.health.problems.filter((p) => p.startsWith('parser error'))).toEqual([]);
  for (const message of result.messages) {
    capturedMessageSchema.parse(message);
    expect(markup.includes(message.ts) || markup.includes(message.ts.replace('.', ''))).toBe(true);
  }
}

const context = { teamId: 'T0ELQUJE4', channelId: 'C01RSNX4WQ3', channelName: 'general' };

describe('parseSlackMessages on arbitrary markup', () => {
  it('never fails and never invents a ts on random trees', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 5 }), fc.boolean(), (trees, withContext) => {
        const doc = parseHtml('<html><body></body></html>');
        doc.body.append(...trees.map((tree) => build(doc, tree)));
        expectSound(doc, parseSlackMessages(doc, withContext ? context : {}));
      }),
      { numRuns: 200 },
    );
  });

  it('never fails and never invents a ts on mutated Slack rows', () => {
    const base = pageHtml(
      listHtml([
        separatorHtml(),
        messageRowHtml({ ts: '1704944000.000100', sender: { id: 'U04137R0R1U', name: 'Priya' }, body: 'hi <a class="c-member_slug" data-member-id="U0DIEGO001">@Diego</a>', reactions: [{ emoji: ':tada:', count: 2 }], replies: 1 }),
        messageRowHtml({ ts: '1704944050.000200', body: 'continued', edited: true }),
        messageRowHtml({ markup: '2024', ts: '1704944060.000300', sender: { id: 'U0DIEGO001', name: 'Diego' }, body: '<pre>code</pre>' }),
      ]),
      threadPaneHtml('general', [messageRowHtml({ ts: '1704944000.000100', sender: { id: 'U04137R0R1U', name: 'Priya' }, threadRole: 'root', body: 'hi' })]),
    );
    const mutationArb = fc.record({
      kind: fc.constantFrom('remove', 'removeAttr', 'setAttr', 'text', 'move'),
      target: fc.nat(),
      other: fc.nat(),
      name: fc.constantFrom(...ATTRS),
      value: valueArb,
    });
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (mutations, withContext) => {
        const doc = parseHtml(base);
        for (const m of mutations) {
          const elements = [...doc.body.querySelectorAll('*')];
          if (elements.length === 0) break;
          const el = elements[m.target % elements.length];
          if (m.kind === 'remove') el.remove();
          else if (m.kind === 'removeAttr') el.removeAttribute(m.name);
          else if (m.kind === 'setAttr') el.setAttribute(m.name, m.value);
          else if (m.kind === 'text') el.textContent = m.value;
          else {
            const destination = elements[m.other % elements.length];
            if (!el.contains(destination)) destination.append(el);
          }
        }
        expectSound(doc, parseSlackMessages(doc, withContext ? context : {}));
      }),
      { numRuns: 200 },
    );
  });
});
