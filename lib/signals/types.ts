import { z } from 'zod';
import { labelSchema, storedMessageSchema, type Label, type Person } from '../store/schema';

export type { Label, Person };

export const evidenceSourceSchema = z.enum(['model', 'manager', 'page']);
export type EvidenceSource = z.infer<typeof evidenceSourceSchema>;

/**
 * One message as the views see it: the effective label and subjects, with any manager tag already applied.
 * `source` says who decided the label.
 */
export const evidenceItemSchema = z.object({
  key: z.string(),
  message: storedMessageSchema,
  label: labelSchema,
  scores: z.partialRecord(labelSchema, z.number()).optional(),
  subjects: z.array(z.string()),
  source: evidenceSourceSchema,
  dismissed: z.boolean().optional(),
  /** The model's label was unsure and nobody confirmed it: shown, but left out of counts and cues. */
  unsure: z.boolean().optional(),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

/** Whether an item's label counts in counts, cues, reviews and calibration: confident, or decided by the manager. */
export const isSettled = (item: Pick<EvidenceItem, 'unsure'>): boolean => item.unsure !== true;

/** A time window in ms since epoch, both ends inclusive; `now` anchors the weekly series and cues. */
export interface SignalWindow {
  from: number;
  to: number;
  now: number;
}
