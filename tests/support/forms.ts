// Every form a person can post, with the fields it reads: the bad-input and fuzz tests go through this one list,
// so a new form is checked by both once it is added here.
export type FormSpec = {
  path: string;
  as: 'anonymous' | 'resident' | 'admin' | 'moderator' | 'arbiter' | 'department';
  fields: string[];
  /** Fixed fields (the form's intent) sent with every attempt. */
  extra?: Record<string, string>;
  /** One answer of the wrong type for the bad-input test (absent: the form is only fuzzed). */
  wrongType?: Record<string, string>;
  /** Posted as multipart/form-data (forms with photos). */
  multipart?: boolean;
};

/**
 * What a form path's placeholders stand for. `{idea}`: an idea of the test's own (other tests merge and hide the
 * seeded ones while these run, and a merged idea answers with a redirect). `{reset}`: a working password-reset link
 * of an account made for the form tests (a used or unknown link shows no form to find errors at).
 */
export type FormTargets = { idea: number; reset: string };

export async function formTargets(): Promise<FormTargets> {
  const { sql } = await import('#app/utils/db.server');
  const { createHash, randomBytes, randomUUID } = await import('node:crypto');
  const [idea] = await sql<{ id: number }[]>`
    INSERT INTO ideas (project_id, title, body) SELECT id, 'An idea for the form tests', 'Forms are posted at this idea by the tests.' FROM projects WHERE slug = 'clinics' RETURNING id::int AS id`;
  const reset = randomBytes(32).toString('base64url');
  await sql`WITH person AS (INSERT INTO users (email, name) VALUES (${`forms-${randomUUID().slice(0, 8)}@test.vmeste.city`}, 'Form tests') RETURNING id)
    INSERT INTO password_resets (token_hash, user_id, expires_at) SELECT ${createHash('sha256').update(reset).digest('hex')}, id, now() + interval '1 hour' FROM person`;
  return { idea: idea!.id, reset };
}

export const formPath = (spec: FormSpec, targets: FormTargets) => spec.path.replace('{idea}', String(targets.idea)).replace('{reset}', targets.reset);

export const forms: FormSpec[] = [
  { path: '/register', as: 'anonymous', fields: ['name', 'email', 'password'], wrongType: { name: 'Ok Name', email: 'not-an-email', password: 'short' } },
  { path: '/sign-in', as: 'anonymous', fields: ['email', 'password'], wrongType: { email: '12345', password: 'whatever-password' } },
  { path: '/forgot-password', as: 'anonymous', fields: ['email'], wrongType: { email: 'not-an-email' } },
  { path: '/reset-password/{reset}', as: 'anonymous', fields: ['password'], wrongType: { password: 'short' } },
  { path: '/me', as: 'resident', fields: ['currentPassword', 'newPassword'], extra: { intent: 'password' }, wrongType: { currentPassword: 'x', newPassword: 'short' } },
  { path: '/me', as: 'resident', fields: ['session'], extra: { intent: 'sign-out-device' }, wrongType: { session: 'the-other-phone' } },
  { path: '/me', as: 'resident', fields: ['name', 'birthYear', 'locale'], wrongType: { name: 'Ok', birthYear: 'nineteen', locale: 'fr', districtId: '99999999' } },
  { path: '/admin/departments', as: 'admin', fields: ['nameRu', 'nameEn', 'kind', 'email'], wrongType: { nameRu: 'a', nameEn: 'b', kind: 'Not A Slug!', email: 'nope', districtIds: 'x' } },
  {
    path: '/admin/categories',
    as: 'admin',
    fields: ['code', 'nameRu', 'nameEn', 'groupRu', 'groupEn', 'departmentKind', 'answerSla', 'answerSlaUnit', 'moderationSlaHours'],
    wrongType: { code: 'c', nameRu: 'a', nameEn: 'b', groupRu: 'g', groupEn: 'g', departmentKind: 'roads', answerSla: 'eight', answerSlaUnit: 'fortnights', moderationSlaHours: '-5' },
  },
  {
    path: '/admin/centres/new',
    as: 'admin',
    fields: ['code', 'nameRu', 'nameEn', 'addressRu', 'addressEn', 'latitude', 'longitude', 'windows', 'slotMinutes'],
    wrongType: { code: 'Not A Code', nameRu: 'a', nameEn: 'b', addressRu: 'c', addressEn: 'd', latitude: 'north', longitude: '200', windows: 'many', slotMinutes: '0', hours1: '9-5', serviceIds: 'x' },
  },
  {
    path: '/admin/services/new',
    as: 'admin',
    fields: ['code', 'situation', 'nameRu', 'nameEn', 'descriptionRu', 'descriptionEn', 'documentsRu', 'documentsEn', 'durationMinutes'],
    wrongType: { code: 'Not A Code', situation: 'holiday', nameRu: 'a', nameEn: 'b', descriptionRu: 'c', descriptionEn: 'd', documentsRu: 'e', documentsEn: 'f', durationMinutes: 'long', centreIds: 'x' },
  },
  // The booking form shows its time field only with a service and day chosen: fuzzed only.
  { path: '/centres/1', as: 'resident', fields: ['serviceId', 'slot', 'visitId'] },
  { path: '/me/visits', as: 'resident', fields: ['visitId'] },
  { path: '/centre-desk/1', as: 'admin', fields: ['window'], extra: { intent: 'call' }, wrongType: { window: 'left' } },
  { path: '/centre-desk/1', as: 'admin', fields: ['serviceId'], extra: { intent: 'issue' }, wrongType: { serviceId: 'passport' } },
  { path: '/centre-desk/1/assist', as: 'admin', fields: ['name', 'phone', 'districtId', 'birthYear', 'consent'], extra: { intent: 'register' }, wrongType: { name: 'Ann', phone: 'call me', birthYear: 'old', consent: 'yes' } },
  { path: '/sign-in/code', as: 'anonymous', fields: ['code'], wrongType: { code: 'not-a-code!' } },
  { path: '/admin/holidays', as: 'admin', fields: ['day', 'nameRu', 'nameEn'], wrongType: { day: '2027-02-30', nameRu: 'a', nameEn: 'b' } },
  { path: '/admin/api-keys', as: 'admin', fields: ['name'], extra: { intent: 'issue' }, wrongType: { name: '<b>bold</b>' } },
  { path: '/admin/ballots', as: 'admin', fields: ['titleRu', 'titleEn', 'descriptionRu', 'descriptionEn'], wrongType: { titleRu: 'a', titleEn: 'b', descriptionRu: '<b>x</b>', descriptionEn: 'd' } },
  {
    path: '/admin/ballots/1',
    as: 'admin',
    fields: ['titleRu', 'titleEn', 'descriptionRu', 'descriptionEn', 'opensAt', 'closesAt', 'minAge', 'maxAge', 'pointsReward'],
    wrongType: { titleRu: 'a', titleEn: 'b', descriptionRu: 'c', descriptionEn: 'd', opensAt: 'tomorrow', closesAt: '2026-13-45T99:99', minAge: 'old', maxAge: '-1', pointsReward: 'many', districtIds: 'x' },
  },
  { path: '/admin/ballots/1', as: 'admin', fields: ['textRu', 'textEn', 'kind', 'maxChoices'], extra: { intent: 'question' }, wrongType: { textRu: 'q', textEn: 'q', kind: 'approval', maxChoices: 'two' } },
  { path: '/admin/ballots/1', as: 'admin', fields: ['questionId', 'labelRu', 'labelEn'], extra: { intent: 'option' }, wrongType: { questionId: 'first', labelRu: 'a', labelEn: 'b' } },
  { path: '/admin/ballots/1', as: 'admin', fields: ['questionId'], extra: { intent: 'remove-question' }, wrongType: { questionId: 'first' } },
  { path: '/admin/ballots/1', as: 'admin', fields: ['questionId', 'direction'], extra: { intent: 'move-question' }, wrongType: { questionId: 'first', direction: 'left' } },
  { path: '/admin/ballots/1', as: 'admin', fields: ['optionId', 'direction'], extra: { intent: 'move-option' }, wrongType: { optionId: 'first', direction: 'sideways' } },
  { path: '/decisions/1', as: 'admin', fields: ['titleRu', 'titleEn', 'departmentId', 'dueOn'], extra: { intent: 'item' }, wrongType: { titleRu: 'a', titleEn: 'b', departmentId: 'roads', dueOn: '2027-02-30' } },
  { path: '/decisions/1', as: 'admin', fields: ['itemId', 'text', 'progress', 'status'], extra: { intent: 'progress' }, wrongType: { itemId: 'x', text: 't', progress: '150', status: 'finished' } },
  // The demo seed's open ballot (№3, its question №4): the cast form.
  { path: '/votes/3', as: 'resident', fields: ['q4'], wrongType: { q4: 'first', q999: '1' } },
  { path: '/votes/1', as: 'anonymous', fields: ['receipt'], extra: { intent: 'check-receipt' }, wrongType: { receipt: 'not-a-receipt' } },
  { path: '/votes/3', as: 'resident', fields: ['receipt'], extra: { intent: 'keep-receipt' }, wrongType: { receipt: 'ILOU-ILOU-ILOU-ILOU-ILOU-ILOU-ILOU-ILOU' } },
  { path: '/rewards', as: 'resident', fields: ['rewardId'], wrongType: { rewardId: 'free' } },
  // Ideas. The freshly seeded test database's first idea (id 1) belongs to "Our clinics", which is collecting.
  { path: '/projects/clinics/new', as: 'resident', fields: ['title', 'body', 'tags', 'proposedCost'], wrongType: { title: 'Ok', body: 'short', tags: 'a,b,c,d,e,f,!!', proposedCost: '-5' } },
  { path: '/ideas/{idea}', as: 'resident', fields: ['body'], extra: { intent: 'comment' }, wrongType: { body: 'x', parentId: 'first' } },
  { path: '/ideas/{idea}', as: 'resident', fields: ['reason'], extra: { intent: 'flag' }, wrongType: { reason: '<i>', commentId: 'x' } },
  { path: '/ideas/{idea}', as: 'resident', fields: ['intent'], wrongType: { intent: 'love' } },
  // Initiatives: the resident of the bad-input and fuzz tests is not verified, so a valid one is refused too (400).
  { path: '/initiatives/new', as: 'resident', fields: ['title', 'body', 'scope'], wrongType: { title: 'Short', body: 'short', scope: 'everywhere' } },
  { path: '/moderation/initiatives', as: 'admin', fields: ['initiativeId', 'reason'], extra: { intent: 'reject' }, wrongType: { initiativeId: 'seven', reason: 'ok' } },
  { path: '/moderation/ideas', as: 'admin', fields: ['ideaId', 'reason'], extra: { intent: 'hide' }, wrongType: { ideaId: 'seven', reason: 'ok' } },
  { path: '/moderation/ideas', as: 'admin', fields: ['ideaId', 'title', 'body'], extra: { intent: 'edit' }, wrongType: { ideaId: '1', title: 'Ab', body: 'too short' } },
  { path: '/moderation/ideas', as: 'admin', fields: ['commentId', 'reason'], extra: { intent: 'hide-comment' }, wrongType: { commentId: '-1', reason: 'x' } },
  { path: '/moderation/ideas/duplicates?project=1', as: 'admin', fields: ['targetId', 'sourceIds'], wrongType: { targetId: '5', sourceIds: '5' } },
  { path: '/expert/projects/clinics', as: 'admin', fields: ['ideaId', 'score', 'verdict', 'note'], extra: { intent: 'assess' }, wrongType: { ideaId: '1', score: '6', verdict: 'maybe' } },
  { path: '/expert/projects/clinics', as: 'admin', fields: ['ideaId', 'feasibility', 'cost', 'reason', 'districtId'], extra: { intent: 'cost' }, wrongType: { ideaId: '1', feasibility: 'maybe', cost: '-3', districtId: 'north' } },
  { path: '/admin/projects/1', as: 'admin', fields: ['email', 'role'], extra: { intent: 'grant' }, wrongType: { email: 'nope', role: 'king' } },
  { path: '/admin/projects/1', as: 'admin', fields: ['stage'], extra: { intent: 'advance-stage' }, wrongType: { stage: 'finished' } },
  { path: '/admin/projects/1', as: 'admin', fields: ['grantId'], extra: { intent: 'revoke' }, wrongType: { grantId: 'not-a-grant' } },
  {
    path: '/admin/projects/new',
    as: 'admin',
    fields: ['slug', 'titleRu', 'titleEn', 'descriptionRu', 'descriptionEn', 'collectingStarts', 'collectingEnds', 'budget', 'currency'],
    wrongType: { slug: 'Not A Slug', titleRu: 'Т', titleEn: 'T', descriptionRu: 'коротко', descriptionEn: 'short', districtIds: '99999999999', collectingStarts: '2027-02-30', collectingEnds: '2020-01-01', budget: '-1', currency: 'roubles', 'budget-1': '0' },
  },
  { path: '/admin/users', as: 'admin', fields: ['userId', 'role'], extra: { intent: 'grant' }, wrongType: { userId: '42', role: 'emperor', projectId: 'x' } },
  { path: '/admin/users', as: 'admin', fields: ['userId', 'reason'], extra: { intent: 'block' }, wrongType: { userId: '42', reason: 'Spam' } },
  { path: '/admin/users', as: 'admin', fields: ['userId'], extra: { intent: 'unblock' }, wrongType: { userId: 'someone' } },
  // Only the confirmation is fuzzed with a wrong password, so the fuzzing resident never deletes itself.
  { path: '/me/data', as: 'resident', fields: ['understood'], extra: { password: 'not-the-password' } },
  // Alerts by area (ADR 056): someone without an account gives an e-mail; a resident manages their own alerts.
  { path: '/alerts', as: 'anonymous', fields: ['where', 'district', 'radius', 'email'], extra: { where: 'district' }, wrongType: { district: 'north', radius: 'far', email: 'not-an-email' } },
  { path: '/me/alerts', as: 'resident', fields: ['alert', 'intent'], wrongType: { alert: 'x', intent: 'explode' } },
  { path: '/feedback', as: 'resident', fields: ['subject', 'subjectId', 'score', 'comment'], wrongType: { subject: 'pizza', subjectId: 'x', score: '6', comment: 'ok' } },
  { path: '/reports/new', as: 'resident', fields: ['categoryId', 'lat', 'lng', 'address', 'addressQuery', 'description'], multipart: true },
  // Rating the answer to a report (the resident is not its author here: only the fields are checked).
  { path: '/reports/1', as: 'resident', fields: ['satisfied', 'reason'], wrongType: { satisfied: 'maybe', reason: '<i>why</i>' } },
  { path: '/moderation/reports', as: 'moderator', fields: ['reportId', 'reason', 'note'], extra: { intent: 'reject' } },
  { path: '/moderation/reports', as: 'moderator', fields: ['reportId', 'categoryId', 'lat', 'lng'], extra: { intent: 'approve' } },
  { path: '/control-desk', as: 'arbiter', fields: ['reportId', 'departmentId', 'note'], extra: { intent: 'reassign' } },
  { path: '/control-desk', as: 'arbiter', fields: ['reportId', 'note'], extra: { intent: 'uphold' } },
  { path: '/department/reports', as: 'department', fields: ['reportId', 'text'], extra: { intent: 'answer' }, multipart: true },
  { path: '/department/reports', as: 'department', fields: ['reportId', 'reason'], extra: { intent: 'dispute' }, multipart: true },
];
