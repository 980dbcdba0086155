// What other tools may call of Accounts (ADR 037): who is signed in, what they may do, and granting roles.
export { grantRole, revokeRole } from './grant-role.server';
export { can, hasRole, isStaff, requirePermission, scopeOf, type StaffAction } from './permissions.server';
export { getCurrentUser, type CurrentUser } from './sessions.server';
export { findResidents, registerWithoutEmail, reissueAccessCode, residentRecord, verifyInPerson, type AssistedRegistration } from './assisted-accounts.server';
