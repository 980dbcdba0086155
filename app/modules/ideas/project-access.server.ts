import { getProject, type Project } from './queries.server';

/** The project named in the URL, or a 404 page. */
export async function requireProject(slug: string | undefined): Promise<Project> {
  const project = slug && /^[a-z0-9-]{1,60}$/.test(slug) ? await getProject({ slug }) : null;
  if (!project) throw new Response('Not found', { status: 404 });
  return project;
}

/** A numeric id from the URL, or a 404 page. Ideas have bigint ids; projects (and most tables) int4: `digits` 9. */
export function idParam(param: string | undefined, digits = 15): number {
  const id = Number(param);
  if (!param || !new RegExp(`^\\d{1,${digits}}$`).test(param) || !Number.isSafeInteger(id) || id <= 0) throw new Response('Not found', { status: 404 });
  return id;
}
