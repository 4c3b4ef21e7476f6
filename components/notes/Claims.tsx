import type { ReviewClaim } from '../../lib/notes';
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
