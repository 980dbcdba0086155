import type { LoaderFunctionArgs } from '@remix-run/node';
import { findSimilarIdeas } from '#app/modules/ideas/queries.server';
import { requireProject } from '#app/modules/ideas/project-access.server';

/** Ideas like the title being typed (the proposal form asks as the resident types): JSON, at most 5. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const project = await requireProject(params.slug);
  const title = (new URL(request.url).searchParams.get('title') ?? '').trim().slice(0, 200);
  const similar = title.length >= 4 ? await findSimilarIdeas(project.id, title) : [];
  return Response.json({ similar }, { headers: { 'Cache-Control': 'no-store' } });
}
