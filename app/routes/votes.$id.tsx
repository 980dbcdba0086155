import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useEffect, useState, type ReactNode } from 'react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { finalResults, type FinalResults } from '#app/modules/votes/results.server';
import type { Answer, Choices } from '#app/modules/votes/ledger';
import type { MessageKey } from '#app/utils/i18n';
import { CountExplained } from '#app/components/ballots/CountExplained';
import { QuestionFields } from '#app/components/ballots/QuestionFields';
import { castInThisRequest, castVote } from '#app/modules/votes/cast-vote.server';
import { ineligibility } from '#app/modules/votes/eligibility';
import { currentTally } from '#app/modules/votes/live.server';
import { cachedBallot, checkReceipt, getBallot, hasVoted, turnout, type Ballot, type ReceiptCheck } from '#app/modules/votes/queries.server';
import { forgetReceipt, keepReceipt, keptReceipts } from '#app/modules/votes/kept-receipts.server';
import { receiptHash } from '#app/modules/votes/ledger';
import { receiptSchema } from '#app/modules/votes/schemas';
import { Field } from '#app/components/forms/Field';
import { formEntries, parseForm } from '#app/utils/forms';
import { idParam, serialMax } from '#app/utils/route-params';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { TallyTable } from '#app/components/ui/TallyTable';
import { invalid, readForm, tooMany, translateErrors } from '#app/utils/action.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { revalidateUnlessSettled, settled } from '#app/utils/revalidation';
import { canStillGiveFeedback } from '#app/modules/feedback/give-feedback.server';
import { FeedbackForm } from '#app/components/FeedbackForm';
import { clientIp } from '#app/utils/request.server';
import { useFormat, useT } from '#app/utils/use-app';
import { feedbackMessages } from '#app/modules/feedback/messages';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';
import { openLiveSource } from '#app/utils/live-source';

export const handle = { title: 'votes.ballotPage', messages: [feedbackMessages, votesMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id, serialMax);
  // The page answering a cast without JavaScript (this request's action) reads only what the cast left unknown.
  const cast = castInThisRequest(id);
  const [ballot, user] = await Promise.all([cast ? cachedBallot(id) : getBallot(id), getCurrentUser(request)]);
  if (!ballot || ballot.status === 'draft') throw new Response('Not found', { status: 404 });
  const justCast = !!user && cast?.userId === user.id;
  // Without JavaScript a cast is answered by this page: the receipt, the answers and the way back, nothing else (the
  // tally, the forms and the navigation are one link away; ADR 071).
  if (justCast) return { focused: true as const, ballot: receiptBallot(ballot) };
  const why = user ? ineligibility(ballot, user) : null;
  const live = ballot.status === 'open' && !ballot.hideResultsUntilClose;
  // Everything the page needs beyond the ballot, at once.
  const [[voted, kept], final, tally, turnoutNow] = await Promise.all([
    user ? Promise.all([justCast || hasVoted(id, user.id), keptReceipts(request, user.id)]) : ([false, []] as const),
    ballot.status === 'published' ? finalResults(ballot) : null,
    live ? currentTally(id) : null,
    ballot.status === 'published' ? turnout(id) : null,
  ]);
  const keptReceipt = kept.find((k) => k.ballotId === id)?.receipt ?? null;
  const results: { votes: Record<string, number>; winners: Record<number, number[]>; tied: Record<number, number[]>; counts: FinalResults['counts']; final: boolean; at: number } | null = final
    ? { ...final, final: true, at: Date.now() }
    : tally
      ? { votes: tally.votes, winners: {}, tied: {}, counts: {}, final: false, at: tally.at }
      : null;
  const published = turnoutNow ? { turnout: turnoutNow } : null;
  // A voter may rate how voting went for them once (once).
  const canRate = !!user && voted && (justCast || (await canStillGiveFeedback(user.id, 'ballot', id)));
  return { ballot, signedIn: !!user, why, voted, canRate, keptReceipt, results, published, now: Date.now() };
}

/** What the receipt page shows of a ballot: its title and each question's text and options, to name the answers. */
function receiptBallot(ballot: Ballot) {
  return {
    id: ballot.id,
    titleRu: ballot.titleRu,
    titleEn: ballot.titleEn,
    questions: ballot.questions.map((q) => ({ id: q.id, textRu: q.textRu, textEn: q.textEn, options: q.options.map((o) => ({ id: o.id, labelRu: o.labelRu, labelEn: o.labelEn })) })),
  };
}

export const headers = formRouteHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.id, serialMax);
  // A ballot's form: at most 20 choices per question, and ballots of up to 50 questions.
  const { formData, t } = await readForm(request, { maxFields: 1000 });
  const intent = formData.get('intent');
  // Checking a receipt needs only the receipt: whoever holds it may see what was recorded under it.
  if (intent === 'check-receipt') {
    const parsed = parseForm(receiptSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const check = await checkReceipt(id, receiptHash(parsed.data.receipt));
    if (!check.found) return invalid({ receipt: t('votes.receiptUnknown') }, { receipt: parsed.data.receipt });
    return { check, errors: undefined };
  }
  const user = await requireUser(request);
  if (intent === 'keep-receipt') {
    const parsed = parseForm(receiptSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const [voted, check] = await Promise.all([hasVoted(id, user.id), checkReceipt(id, receiptHash(parsed.data.receipt))]);
    if (!voted || !check.found) return invalid({ receipt: t('votes.receiptUnknown') }, { receipt: parsed.data.receipt });
    return redirect(`/votes/${id}?kept=1`, { headers: { 'Set-Cookie': await keepReceipt(request, user.id, id, parsed.data.receipt) } });
  }
  if (intent === 'forget-receipt') {
    return redirect(`/votes/${id}?forgotten=1`, { headers: { 'Set-Cookie': await forgetReceipt(request, user.id, id) } });
  }
  const wait = await consumeLimit('vote', { ip: clientIp(context), userId: user.id });
  if (wait !== null) return tooMany(wait, t);
  const raw: Record<string, string[]> = {};
  for (const [key, all] of formEntries(formData)) {
    if (!key.startsWith('_')) raw[key] = all.filter((v): v is string => typeof v === 'string');
  }
  const result = await castVote(user, id, raw);
  // Another tab or a double click voted first: single fetch does not reload after a 4xx, so the answer itself says
  // so and the page drops its form.
  if (!result.ok && result.errors.form === 'votes.alreadyVoted') return data({ voted: true as const, errors: undefined }, { status: 409 });
  // The answers come back with the errors, so a ranking or a cart is not lost to one mistake.
  if (!result.ok) return invalid(translateErrors(result.errors, t), raw);
  // The receipt is shown once, in this very answer: it is never stored, so no redirect could show it again
  // (unless the voter asks this browser to keep it: see kept-receipts.server.ts).
  // With JavaScript the page takes this answer alone (nothing else on it changed; the tally comes live).
  return data(settled({ receipt: result.value.receipt, choices: result.value.choices, errors: undefined }), { headers: { 'Cache-Control': 'no-store' } });
}

export const shouldRevalidate = revalidateUnlessSettled;

/** Keeps the tally current from the Server-Sent Events stream (without JavaScript the page shows it as loaded). */
function useLiveVotes(ballotId: number, initial: { votes: Record<string, number>; at: number } | undefined, live: boolean) {
  const [pushed, setPushed] = useState<{ votes: Record<string, number>; at: number } | null>(null);
  useEffect(() => {
    if (!live || typeof EventSource === 'undefined') return;
    const source = openLiveSource(`/votes/${ballotId}/live`, { tally: (data) => setPushed(JSON.parse(data) as { votes: Record<string, number>; at: number }) });
    return () => source.close();
  }, [ballotId, live]);
  // Whichever is newer: the loader's tally (after a cast re-loads the page) or the last one pushed.
  return pushed && (!initial || pushed.at >= initial.at) ? pushed.votes : initial?.votes;
}

export default function BallotRoute() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if ('focused' in page) return <CastReceipt ballot={page.ballot} receipt={actionData && 'receipt' in actionData ? actionData : null} />;
  return <BallotPage page={page} />;
}

type ReceiptBallot = ReturnType<typeof receiptBallot>;

/** The answer to a cast without JavaScript: the receipt (with the offer to keep it), the answers recorded, the way back. */
function CastReceipt({ ballot, receipt }: { ballot: ReceiptBallot; receipt: { receipt: string; choices: Choices } | null }) {
  const { t, locale } = useT();
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  return (
    <>
      <h1>{text(ballot.titleRu, ballot.titleEn)}</h1>
      {receipt ? (
        <>
          <ReceiptCard receipt={receipt.receipt} />
          <section aria-labelledby="choices-title">
            <h2 id="choices-title">{t('votes.yourAnswers')}</h2>
            <ChosenAnswers choices={receipt.choices} questions={ballot.questions} />
          </section>
        </>
      ) : null}
      <p><Link to={`/votes/${ballot.id}`}>{t('votes.backToBallot')}</Link></p>
    </>
  );
}

/** The receipt, shown once, with the offer to keep it in this browser. */
function ReceiptCard({ receipt }: { receipt: string }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t('votes.castDone')}</h2>
      <p>{t('votes.receiptIntro')}</p>
      <p className="receipt" data-testid="receipt">{receipt}</p>
      <p className="muted">{t('votes.receiptKeep')}</p>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="receipt" value={receipt} />
        <p className="muted" id="keep-hint">{t('votes.keepHint')}</p>
        <button type="submit" name="intent" value="keep-receipt" className="button button--secondary" aria-describedby="keep-hint">
          {t('votes.keepInBrowser')}
        </button>
      </Form>
      <p><Link to="/me/points">{t('votes.pointsLink')}</Link></p>
    </section>
  );
}

function BallotPage({ page }: { page: Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { focused: true }> }) {
  const { dateTime, timeLeft } = useFormat();
  const { ballot, signedIn, why, voted: votedWhenLoaded, canRate, keptReceipt, results, published, now } = page;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const live = ballot.status === 'open' && !ballot.hideResultsUntilClose;
  const votes = useLiveVotes(ballot.id, results ? { votes: results.votes, at: results.at } : undefined, live);
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  const voted = votedWhenLoaded || (!!actionData && 'voted' in actionData);
  const receipt = actionData && 'receipt' in actionData ? actionData.receipt : null;
  const check = actionData && 'check' in actionData ? actionData.check : null;
  const typed = actionData && 'values' in actionData ? actionData.values : undefined;
  const labels = { ...Object.fromEntries(ballot.questions.map((q) => [`q${q.id}`, text(q.textRu, q.textEn)])), receipt: t('votes.receiptCode') };
  const canVote = signedIn && !why && !voted && !receipt && ballot.status === 'open';
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{text(ballot.titleRu, ballot.titleEn)}</h1>
      <p>
        <BallotStatus status={ballot.status} />{' '}
        {ballot.opensAt && ballot.closesAt ? (
          <span className="muted">
            {dateTime(ballot.opensAt)} — {dateTime(ballot.closesAt)}
            {ballot.status === 'open' ? <> · {t('votes.timeLeft')}: {timeLeft(ballot.closesAt, now)}</> : null}
          </span>
        ) : null}
      </p>
      <p className="report-text">{text(ballot.descriptionRu, ballot.descriptionEn)}</p>
      {ballot.evaluatesDecisionId ? <p><Link to={`/decisions/${ballot.evaluatesDecisionId}`}>{t('votes.evaluatesDecision')}</Link></p> : null}
      {receipt ? <ReceiptCard receipt={receipt} /> : null}
      {params.get('kept') ? <p className="notice" role="status">{t('votes.receiptKept')}</p> : null}
      {params.get('forgotten') ? <p className="notice" role="status">{t('votes.receiptForgotten')}</p> : null}
      {params.get('feedback') === 'thanks' ? <p className="notice" role="status">{t('feedback.thanks')}</p> : null}
      {keptReceipt && !receipt ? (
        <section className="card" aria-labelledby="kept-title">
          <h2 id="kept-title">{t('votes.keptTitle')}</h2>
          <p className="receipt" data-testid="kept-receipt">{keptReceipt}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="receipt" value={keptReceipt} />
            <button type="submit" name="intent" value="check-receipt" className="button button--secondary">{t('votes.checkMine')}</button>{' '}
            <button type="submit" name="intent" value="forget-receipt" className="button button--secondary">{t('votes.forgetReceipt')}</button>
          </Form>
        </section>
      ) : null}
      {check ? <ReceiptFound check={check} questions={ballot.questions} /> : null}
      {ballot.status === 'open' && !receipt ? (
        !signedIn ? (
          <p className="notice"><Link to={`/sign-in?redirectTo=/votes/${ballot.id}`}>{t('votes.signInToVote')}</Link></p>
        ) : voted ? (
          <p className="notice" role="status">{t('votes.alreadyVoted')}</p>
        ) : why ? (
          <p className="warning" data-testid="ineligible">{t('votes.cannotVote')} {t(why)}</p>
        ) : null
      ) : null}
      {canVote ? (
        <Form method="post" noValidate className="form">
          <CsrfInput />
          {ballot.questions.map((q) => (
            <QuestionFields key={q.id} q={q} error={actionData?.errors?.[`q${q.id}`]} typed={typed} />
          ))}
          <p className="muted">{t('votes.final')}</p>
          <button type="submit" className="button">{t('votes.cast')}</button>
        </Form>
      ) : null}
      {canRate ? <FeedbackForm subject="ballot" subjectId={ballot.id} redirectTo={`/votes/${ballot.id}`} /> : null}
      {results && votes ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{results.final ? t('votes.finalResults') : t('votes.liveResults')}</h2>
          {!results.final ? <p className="muted" aria-live="polite">{t('votes.liveHint')}</p> : null}
          {ballot.questions.map((q) => {
            const count = results.counts[q.id];
            if (count) return <CountExplained key={q.id} q={q} count={count} />;
            if (q.kind === 'ranked' || q.kind === 'graded') return <p key={q.id} className="muted">{text(q.textRu, q.textEn)}: {t('votes.countedAtClose')}</p>;
            const tied = q.options.filter((o) => results.tied[q.id]?.includes(o.id));
            return (
              <div key={q.id}>
                <TallyTable caption={text(q.textRu, q.textEn)} options={q.options} votes={votes} winners={results.winners[q.id]} />
                {tied.length ? (
                  <p className="warning" data-testid="tie">
                    {t('votes.tie', { options: new Intl.ListFormat(locale, { type: 'conjunction' }).format(tied.map((o) => text(o.labelRu, o.labelEn))) })}
                  </p>
                ) : null}
              </div>
            );
          })}
        </section>
      ) : ballot.status === 'open' ? (
        <p className="muted">{t('votes.resultsHidden')}</p>
      ) : ballot.status === 'closed' ? (
        <p className="muted">{t('votes.counting')}</p>
      ) : null}
      {published ? (
        <section aria-labelledby="ledger-title">
          <h2 id="ledger-title">{t('votes.ledger')}</h2>
          <p>{t('votes.ledgerIntro', { n: ballot.entryCount ?? 0 })}</p>
          <dl className="facts">
            <dt>{t('votes.chainHead')}</dt>
            <dd className="mono" data-testid="chain-head">{ballot.chainHead ?? '—'}</dd>
          </dl>
          <ul>
            <li><a href={`/votes/${ballot.id}/ledger.csv`}>{t('votes.ledgerCsv')}</a></li>
            <li><a href={`/votes/${ballot.id}/ledger.json`}>{t('votes.ledgerJson')}</a></li>
            <li><a href={`/votes/${ballot.id}/results.json`}>{t('votes.resultsJson')}</a></li>
            {ballot.questions.filter((q) => q.kind === 'budget').map((q) => (
              <li key={q.id}><a href={`/votes/${ballot.id}/budget/${q.id}.pb`}>{t('votes.pabulib')}{ballot.questions.length > 1 ? ` — ${text(q.textRu, q.textEn)}` : ''}</a></li>
            ))}
          </ul>
          <p className="muted">{t('votes.verifyHow', { id: ballot.id })}</p>
          <h3>{t('votes.turnout', { n: published.turnout.total })}</h3>
          <div className="table-wrap">
            <table>
              <caption>{t('votes.turnoutByDistrict')}</caption>
              <thead><tr><th scope="col">{t('votes.district')}</th><th scope="col">{t('votes.voters')}</th></tr></thead>
              <tbody>
                {published.turnout.byDistrict.map((d) => (
                  <tr key={d.district ?? 'none'}><th scope="row">{d.district ? text(d.name_ru!, d.name_en!) : t('votes.noDistrict')}</th><td>{d.voters}</td></tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>{t('votes.turnoutByAge')}</caption>
              <thead><tr><th scope="col">{t('votes.ageBand')}</th><th scope="col">{t('votes.voters')}</th></tr></thead>
              <tbody>
                {published.turnout.byAgeBand.map((a) => (
                  <tr key={a.age_band}><th scope="row">{a.age_band === 'unknown' ? t('votes.ageUnknown') : a.age_band}</th><td>{a.voters}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {ballot.status !== 'scheduled' ? (
        <section aria-labelledby="check-title">
          <h2 id="check-title">{t('votes.checkTitle')}</h2>
          <Form method="post" noValidate className="form">
            <CsrfInput />
            <Field name="receipt" type="text" autoComplete="off" spellCheck={false} label={t('votes.receiptCode')} hint={t('votes.checkHint')} error={actionData?.errors?.receipt} defaultValue={typeof typed?.receipt === 'string' ? typed.receipt : ''} />
            <button type="submit" name="intent" value="check-receipt" className="button button--secondary">{t('votes.check')}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

/** What was recorded under a receipt: the answers, and the ledger position once the ballot is published. */
function ReceiptFound({ check, questions }: { check: Extract<ReceiptCheck, { found: true }>; questions: { id: number; textRu: string; textEn: string; options: { id: number; labelRu: string; labelEn: string }[] }[] }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="found-title" data-testid="receipt-check">
      <h2 id="found-title" tabIndex={-1}>{check.inLedger ? t('votes.foundInLedger', { seq: check.seq }) : t('votes.foundRecorded')}</h2>
      <ChosenAnswers choices={check.choices} questions={questions}>
        {check.inLedger ? (
          <div>
            <dt>{t('votes.entryHash')}</dt>
            <dd className="mono">{check.entryHash}</dd>
          </div>
        ) : null}
      </ChosenAnswers>
    </section>
  );
}

/** Each question with the answer recorded for it, in words. */
function ChosenAnswers({ choices, questions, children }: { choices: Choices; questions: ReceiptBallot['questions']; children?: ReactNode }) {
  const { t, locale } = useT();
  const text = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  return (
    <dl className="facts">
      {questions.map((q) => (
        <div key={q.id}>
          <dt>{text(q.textRu, q.textEn)}</dt>
          <dd>{answerText(choices[String(q.id)], q.options, text, t)}</dd>
        </div>
      ))}
      {children}
    </dl>
  );
}

/** An answer in words: the chosen options, the ranking in order, or each option with its grade. */
function answerText(answer: Answer | undefined, options: { id: number; labelRu: string; labelEn: string }[], text: (ru: string, en: string) => string, t: ReturnType<typeof useT>['t']): string {
  const label = (id: number) => {
    const o = options.find((x) => x.id === id);
    return o ? text(o.labelRu, o.labelEn) : String(id);
  };
  if (!answer) return '—';
  if (Array.isArray(answer)) return options.filter((o) => answer.includes(o.id)).map((o) => text(o.labelRu, o.labelEn)).join(', ') || '—';
  if ('ranking' in answer) return t('votes.yourRanking', { order: answer.ranking.map((id, i) => `${i + 1}. ${label(id)}`).join(', ') });
  return t('votes.yourGrades', { grades: Object.entries(answer.grades).map(([id, g]) => `${label(Number(id))}: ${t(`votes.grade.${g}` as MessageKey)}`).join(', ') });
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
