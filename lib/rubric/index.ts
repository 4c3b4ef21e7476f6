export { competencySchema, parseRubric, rubricLevelSchema, rubricSchema, rubricTrackSchema } from './schema';
export type { Competency, ParseRubricResult, Rubric, RubricCompetency, RubricLevel, RubricTrack } from './schema';
export { DEFAULT_RUBRIC } from './defaultRubric';
export { competenciesFor, levelChoices, levelOf, nextLevel, type LevelChoice } from './levels';
export { MAPPING_DEFAULTS, SHIPPED_COMPETENCY_HEAD, cosineSimilarity, evidenceText, mapEvidenceToCompetencies } from './mapping';
export { NONE_CLASS } from './competencyHead';
export type { CompetencyHead } from './competencyHead';
export type { CompetencyMatch, EmbedTexts, MappedEvidence, MappingOptions } from './mapping';
