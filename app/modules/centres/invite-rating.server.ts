// The invitation to rate a visit once it is served (ADR 050): an in-app notice and an e-mail that link to the form.
import { eq } from 'drizzle-orm';
import { centres, visits } from '#db/schema/index';
import type { Tx } from '#app/utils/db.server';
import { notify } from '#app/modules/notifications/index.server';

/** In the transaction that marks the visit served: returns the outbox ids to enqueue once it commits. */
export async function inviteToRateVisit(tx: Tx, visitId: number): Promise<number[]> {
  const [visit] = await tx.select({ userId: visits.userId, centreRu: centres.nameRu }).from(visits).innerJoin(centres, eq(centres.id, visits.centreId)).where(eq(visits.id, visitId));
  if (!visit) return [];
  return notify(tx, {
    userId: visit.userId,
    kind: 'centres.rateVisit',
    params: { centre: visit.centreRu },
    link: `/me/visits#visit-${visitId}-rate`,
    email: { subject: 'centres.rateVisit', body: 'centres.rateVisitBody' },
  });
}
