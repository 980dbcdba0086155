import { db, type Tx } from "./db.server";

/** Carries what the rehearsed work returned out of the transaction it rolls back. */
class Rehearsed extends Error {
  constructor(readonly value: unknown) {
    super("rehearsal rolled back");
  }
}

/**
 * Runs `work` in one transaction and commits it; or, with `rehearse`, does every write and then rolls them all back,
 * answering what `work` returned. An import's "check without importing" thus meets every refusal the import would
 * (constraints, triggers, clashes with what others wrote meanwhile) and counts exactly what it would change (ADR 057).
 */
export async function commitOrRehearse<T>(
  rehearse: boolean,
  work: (tx: Tx) => Promise<T>
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      const value = await work(tx);
      if (rehearse) throw new Rehearsed(value);
      return value;
    });
  } catch (error) {
    if (error instanceof Rehearsed) return error.value as T;
    throw error;
  }
}
