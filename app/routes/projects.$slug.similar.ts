import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { findSimilarIdeas } from '#app/modules/ideas/queries.server';
import { requireProject } from '#app/modules/ideas/project-access.server';
import { searchText } from '#app/utils/forms';
import { searchParamsOf } from '#app/utils/search-params.server';

const similarQuerySchema = z.object({ title: searchText(200) });

/** Ideas like the title being typed (the proposal form asks as the resident types): JSON, at most 5. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const project = await requireProject(params.slug);
  const { title } = await searchParamsOf(request, similarQuerySchema);
  const similar = title && title.length >= 4 ? await findSimilarIdeas(project.id, title) : [];
  return Response.json({ similar }, { headers: { 'Cache-Control': 'no-store' } });
}
