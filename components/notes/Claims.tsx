import type { ReviewClaim, ReviewDraft } from '../../lib/notes';
import { Citations } from './Citations';

/** A titled list of review claims, each with the behaviour it matched and its citations. */
export function Claims({ title, claims }: { title: string; claims: readonly ReviewClaim[] }) {
  if (claims.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="notes-claims">
        {claims.map((claim) => (
          <li key={claim.id}>
            <p>{claim.text}</p>
            {claim.behaviour && (
              <p className="meta">
                Close to “{claim.behaviour}” (similarity {claim.score?.toFixed(2)})
              </p>
            )}
            <Citations citations={claim.citations} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** What a review section found for one competency: its gap, or a summary with strengths and growth areas. */
export function SectionFindings({ section, gapClassName }: { section: ReviewDraft['sections'][number]; gapClassName: string }) {
  if (section.gap) {
    return (
      <p className={gapClassName}>
        <strong>Gap:</strong> {section.gap}
      </p>
    );
  }
  return (
    <>
      <p>{section.summary}</p>
      <Claims title="Strengths" claims={section.strengths} />
      <Claims title="Growth areas" claims={section.growth} />
    </>
  );
}
