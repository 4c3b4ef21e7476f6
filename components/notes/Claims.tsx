import { useId } from 'react';
import type { CitedSentence, ReviewClaim, ReviewDraft } from '../../lib/notes';
import { Citations } from './Citations';

/** What the manager can do with a piece of evidence in the review: file it elsewhere, leave it out, pin it. */
export interface ClaimControls {
  /** Where evidence can be filed, in the draft's order. */
  competencies: ReadonlyArray<{ id: string; name: string }>;
  /** `null` files it under "Other evidence". */
  onMove: (itemKey: string, competencyId: string | null) => void;
  onExclude: (itemKey: string, excluded: boolean) => void;
  onPin: (itemKey: string, pinned: boolean) => void;
}

const OTHER = '';

function ClaimActions({ claim, filedUnder, controls }: { claim: ReviewClaim; filedUnder: string | null; controls: ClaimControls }) {
  const id = useId();
  return (
    <div className="notes-claim-actions">
      <label htmlFor={`${id}-move`}>Move to</label>
      <select
        id={`${id}-move`}
        value={filedUnder ?? OTHER}
        onChange={(event) => controls.onMove(claim.itemKey, event.target.value === OTHER ? null : event.target.value)}
      >
        {controls.competencies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
        <option value={OTHER}>Other evidence</option>
      </select>
      <button type="button" className="secondary" aria-pressed={claim.pinned} onClick={() => controls.onPin(claim.itemKey, !claim.pinned)}>
        {claim.pinned ? 'Pinned' : 'Pin'}
        <span className="visually-hidden"> this evidence</span>
      </button>
      <button type="button" className="secondary" onClick={() => controls.onExclude(claim.itemKey, true)}>
        Exclude<span className="visually-hidden"> this evidence from the review</span>
      </button>
    </div>
  );
}

function why(claim: ReviewClaim): string | null {
  if (claim.moved) return 'Filed here by you';
  if (claim.behaviour) return `Reads like “${claim.behaviour}” (mapping ${Math.round((claim.score ?? 0) * 100)}% sure)`;
  return null;
}

export interface ClaimsProps {
  title: string;
  claims: readonly ReviewClaim[];
  /** The competency these claims are filed under; null for "Other evidence". */
  filedUnder?: string | null;
  controls?: ClaimControls;
}

/** A titled list of review claims, each with why it is here, its citations and (in the panel) the manager's controls. */
export function Claims({ title, claims, filedUnder = null, controls }: ClaimsProps) {
  if (claims.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="notes-claims">
        {claims.map((claim) => (
          <li key={claim.id} data-item-key={claim.itemKey}>
            <p>
              {claim.pinned && <strong>Pinned: </strong>}
              {claim.text}
            </p>
            {why(claim) && <p className="meta">{why(claim)}</p>}
            <Citations citations={claim.citations} />
            {controls && <ClaimActions claim={claim} filedUnder={filedUnder} controls={controls} />}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Generated sentences, each followed by the evidence it rests on. */
export function CitedProse({ sentences }: { sentences: readonly CitedSentence[] }) {
  return (
    <>
      {sentences.map((sentence) => (
        <div key={sentence.text} className="notes-cited">
          <p>{sentence.text}</p>
          <Citations citations={sentence.citations} />
        </div>
      ))}
    </>
  );
}

/** What a review section found for one competency: how strong its evidence is, then its gap or its cited opening and claims. */
export function SectionFindings({
  section,
  gapClassName,
  controls,
}: {
  section: ReviewDraft['sections'][number];
  gapClassName: string;
  controls?: ClaimControls;
}) {
  return (
    <>
      <p className={`notes-confidence notes-confidence-${section.confidence.level}`}>
        <strong>{section.confidence.label}:</strong> {section.confidence.reason}
      </p>
      {section.gap ? (
        <p className={gapClassName}>
          <strong>Gap:</strong> {section.gap}
        </p>
      ) : (
        <>
          <CitedProse sentences={section.opening} />
          <Claims title="Strengths" claims={section.strengths} filedUnder={section.competency.id} controls={controls} />
          <Claims title="Growth areas" claims={section.growth} filedUnder={section.competency.id} controls={controls} />
        </>
      )}
    </>
  );
}
