// What other tools may call of Audit (ADR 037): writing an entry to the append-only log.
export { recordAudit } from './record-audit.server';
