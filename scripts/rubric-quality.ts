import type { MappingQuality } from '../lib/rubric/competencyHead';

export const formatQuality = (q: MappingQuality) =>
  `precision ${q.precision.toFixed(3)}, coverage ${q.coverage.toFixed(3)}, recall ${q.recall.toFixed(3)} (${q.answered} filed of ${q.withCompetency} with a competency)`;
