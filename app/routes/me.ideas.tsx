import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { myIdeasActivity } from '#app/modules/ideas/queries.server';
import { IdeaStatus } from '#app/components/ui/IdeaStatus';
import { useDateTime, useT } from '#app/utils/use-app';
import { ideasMessages } from '#app/modules/ideas/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.myIdeas', messages: [ideasMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return myIdeasActivity(user.id);
}

export default function MyIdeas() {
  const dateTime = useDateTime();
  const { ideas, comments, supports } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t('page.myIdeas')}</h1>
      <p><Link to="/ideas">{t('ideas.browseProjects')}</Link></p>
      <h2>{t('ideas.myIdeas', { n: ideas.length })}</h2>
      {ideas.length === 0 ? <p className="empty-state">{t('ideas.myIdeasEmpty')}</p> : null}
      <ul className="list-plain">
        {ideas.map((i) => (
          <li key={i.id}>
            <Link to={`/ideas/${i.mergedIntoId ?? i.id}`}>{i.title}</Link> <IdeaStatus status={i.status} />
            <br />
            <span className="muted">{t('ideas.supports', { n: i.supportCount })} · {t('ideas.comments', { n: i.commentCount })} · {dateTime(i.createdAt)}</span>
          </li>
        ))}
      </ul>
      <h2>{t('ideas.myComments', { n: comments.length })}</h2>
      {comments.length === 0 ? <p className="muted">{t('ideas.noComments')}</p> : null}
      <ul className="list-plain">
        {comments.map((c) => (
          <li key={c.id}>
            <Link to={`/ideas/${c.ideaId}#comment-${c.id}`}>{c.title}</Link>: <span className={c.hidden ? 'muted' : undefined}>{c.hidden ? t('ideas.commentHiddenShort') : c.body.slice(0, 140)}</span>
          </li>
        ))}
      </ul>
      <h2>{t('ideas.mySupports', { n: supports.length })}</h2>
      {supports.length === 0 ? <p className="muted">{t('ideas.mySupportsEmpty')}</p> : null}
      <ul className="list-plain">
        {supports.map((s) => (
          <li key={s.ideaId}>
            <Link to={`/ideas/${s.ideaId}`}>{s.title}</Link> <IdeaStatus status={s.status} />
          </li>
        ))}
      </ul>
    </>
  );
}
