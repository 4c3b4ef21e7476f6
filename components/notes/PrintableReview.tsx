import { renderToStaticMarkup } from 'react-dom/server';
import { conversationName, isoDate, reviewDraftName, reviewPacketTitle, type ReviewPacket } from '../../lib/notes';
import { LABEL_NAMES } from '../format';
import { Citations } from './Citations';
import { Claims, SectionFindings } from './Claims';

export interface PrintableReviewProps {
  packet: ReviewPacket;
}

/** A person's review packet laid out for paper: draft, next level, 1:1 prep, then the evidence itself. */
export function PrintableReview({ packet }: PrintableReviewProps) {
  const { draft, nextLevel, prep, evidence } = packet;
  return (
    <article className="notes-printable">
      {draft && (
        <p className="notes-draft-banner" role="note">
          <strong>{draft.banner}</strong>
        </p>
      )}
      <h1>{reviewPacketTitle(packet)}</h1>
      {draft && (
        <section>
          <h2>{reviewDraftName(packet.selfReview === true)}</h2>
          <p className="meta">
            {draft.levelTitle} · {isoDate(draft.from)} to {isoDate(draft.to)}
          </p>
          {draft.sections.map((section) => (
            <section key={section.competency.id}>
              <h3>{section.competency.name}</h3>
              <SectionFindings section={section} gapClassName="notes-gap" />
            </section>
          ))}
          {draft.unmatched.length > 0 && (
            <section>
              <h3>Other evidence</h3>
              <Claims title="Not filed under a competency" claims={draft.unmatched} />
            </section>
          )}
        </section>
      )}
      {nextLevel && (
        <section>
          <h2>Next level</h2>
          <p>{nextLevel.verdictText}</p>
          <ul>
            {nextLevel.supportCues.map((cue) => (
              <li key={cue.id}>{cue.text}</li>
            ))}
          </ul>
        </section>
      )}
      {prep && (
        <section>
          <h2>1:1 prep</h2>
          {prep.sections.map((section) => (
            <section key={section.id}>
              <h3>{section.title}</h3>
              {section.items.length === 0 ? (
                <p className="meta">{section.emptyText}</p>
              ) : (
                <ul>
                  {section.items.map((item) => (
                    <li key={item.id}>
                      {item.text}
                      <Citations citations={item.citations} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </section>
      )}
      <section>
        <h2>Evidence</h2>
        <ol>
          {evidence.map((item) => (
            <li key={item.key}>
              <strong>{LABEL_NAMES[item.label]}</strong> {item.message.text}
              <p className="meta">
                {item.message.authorName || item.message.authorId}, {conversationName(item.message, item.source === 'page')},{' '}
                {isoDate(item.message.sentAt)}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

const PRINT_CSS = `
body { font: 11pt/1.45 system-ui, sans-serif; color: #000; background: #fff; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; }
.notes-draft-banner { border: 2px solid #000; padding: 0.4rem 0.6rem; }
.meta { color: #444; font-size: 0.9em; margin: 0.2rem 0; }
.notes-gap { border-left: 3px solid #000; padding-left: 0.5rem; }
.notes-citations { list-style: none; padding: 0; margin: 0.2rem 0; font-size: 0.9em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
section { break-inside: avoid-page; }
@media print { body { margin: 0; } a { color: #000; } a[href]::after { content: " (" attr(href) ")"; font-size: 0.8em; word-break: break-all; } }
`;

/**
 * The packet as a standalone, printable HTML document. React renders and escapes every value, so message
 * text can never become markup; the page carries no script.
 */
export function printableReviewDocument(packet: ReviewPacket): string {
  const markup = renderToStaticMarkup(
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta httpEquiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />
        <title>{reviewPacketTitle(packet)}</title>
        <style>{PRINT_CSS}</style>
      </head>
      <body>
        <PrintableReview packet={packet} />
      </body>
    </html>,
  );
  return `<!doctype html>${markup}`;
}
