import { isoDate, type Citation } from '../../lib/notes';
import { safeSlackPermalink } from '../../lib/safe-links';

export interface CitationsProps {
  citations: readonly Citation[];
}

/** Where a claim came from: "Open in Slack" only for https Slack permalinks; other sources as plain text. */
export function Citations({ citations }: CitationsProps) {
  if (citations.length === 0) return null;
  return (
    <ul className="notes-citations">
      {citations.map((citation) => {
        if (citation.kind === 'note') {
          return <li key={`note-${citation.noteId}`}>From your note of {isoDate(citation.at)}</li>;
        }
        const where = `${citation.author}, ${citation.channel}, ${isoDate(citation.sentAt)}`;
        const slack = citation.href ? safeSlackPermalink(citation.href) : null;
        return (
          <li key={citation.key}>
            {slack ? (
              <a href={slack} target="_blank" rel="noopener noreferrer">
                Open in Slack<span className="visually-hidden"> (message from {where})</span>
              </a>
            ) : citation.href ? (
              <a href={citation.href} target="_blank" rel="noopener noreferrer">
                Open page<span className="visually-hidden"> ({where})</span>
              </a>
            ) : null}{' '}
            <span className="meta">{where}</span>
          </li>
        );
      })}
    </ul>
  );
}
