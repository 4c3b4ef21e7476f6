import { useId } from 'react';
import type { NextLevelAssessment } from '../../lib/notes';
import { Citations } from './Citations';

export interface NextLevelViewProps {
  assessment: NextLevelAssessment;
  personName: string;
}

export function NextLevelView({ assessment, personName }: NextLevelViewProps) {
  const id = useId();
  const share = Math.round(assessment.nextLevelShare * 100);
  return (
    <section className="view notes-view" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        Next level: {personName}
        {assessment.nextTitle && <span className="meta"> (toward {assessment.nextTitle})</span>}
      </h2>
      <p className={`notice ${assessment.verdict === 'next-level' ? 'notice-positive' : 'notice-neutral'}`}>{assessment.verdictText}</p>
      {assessment.nextLevel !== null && (
        <p className="meta">
          {assessment.nextLevelCount} of {assessment.evidenceCount} pieces of recognition ({share}%) read like level {assessment.nextLevel}; current-level
          competencies with evidence: {assessment.currentCoverage.covered} of {assessment.currentCoverage.total}.
        </p>
      )}
      {assessment.competencies.map(({ competency, evidence }) => (
        <section key={competency.id} className="card notes-section" aria-labelledby={`${id}-${competency.id}`}>
          <h3 id={`${id}-${competency.id}`}>{competency.name}</h3>
          <p className="meta">{competency.description}</p>
          <ul className="notes-claims">
            {evidence.map((e) => (
              <li key={e.citation.kind === 'message' ? e.citation.key : e.citation.noteId}>
                <p>
                  Close to “{e.behaviour}” (similarity {e.score.toFixed(2)})
                </p>
                <Citations citations={[e.citation]} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h3>May need support</h3>
      {assessment.supportCues.length === 0 ? (
        <p className="meta">No support cues.</p>
      ) : (
        <ul className="cues">
          {assessment.supportCues.map((cue) => (
            <li key={cue.id} className="cue cue-attention">
              {cue.text}
              <Citations citations={cue.citations} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
