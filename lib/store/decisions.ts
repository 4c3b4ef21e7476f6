import { writeTransaction, type AspenDb } from './db';
import { decisionRowKey, recordTombstones } from './deletions';
import { evidenceDecisionSchema, type EvidenceDecision } from './schema';

/** What the manager changes about one piece of evidence; fields left out keep their current value. */
export type EvidenceDecisionChange = Partial<Pick<EvidenceDecision, 'competencyId' | 'excluded' | 'pinned'>>;

/** The manager's decisions for one person's review, keyed by evidence; unreadable records are skipped. */
export async function decisionsFor(db: AspenDb, personId: string): Promise<EvidenceDecision[]> {
  const rows: unknown[] = await db.getAllFromIndex('evidenceDecisions', 'personId', personId);
  return rows.flatMap((row) => {
    const parsed = evidenceDecisionSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function allDecisions(db: AspenDb): Promise<EvidenceDecision[]> {
  const rows: unknown[] = await db.getAll('evidenceDecisions');
  return rows.flatMap((row) => {
    const parsed = evidenceDecisionSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Records a decision about one piece of evidence in one person's review, merged with any earlier one in the
 * same transaction; a decision that is back to "as mapped, included, not pinned" is deleted (with a tombstone,
 * so an older backup does not bring it back).
 */
export async function decideEvidence(db: AspenDb, personId: string, itemKey: string, change: EvidenceDecisionChange, now = Date.now()): Promise<EvidenceDecision> {
  return writeTransaction(db, ['evidenceDecisions', 'deletions'], async (tx) => {
    const store = tx.objectStore('evidenceDecisions');
    const current = evidenceDecisionSchema.safeParse(await store.get([personId, itemKey]));
    const base = current.success ? current.data : { personId, itemKey, excluded: false, pinned: false };
    const decision = evidenceDecisionSchema.parse({ ...base, ...change, personId, itemKey, decidedAt: now });
    if (decision.competencyId === undefined && !decision.excluded && !decision.pinned) {
      await Promise.all([store.delete([personId, itemKey]), recordTombstones(tx, 'evidenceDecisions', [decisionRowKey(decision)], now)]);
    } else await store.put(decision);
    return decision;
  });
}
