import { getProject, type Project } from './queries.server';

/** The project named in the URL, or a 404 page. */
export async function requireProject(slug: string | undefined): Promise<Project> {
  const project = slug && /^[a-z0-9-]{1,60}$/.test(slug) ? await getProject({ slug }) : null;
  if (!project) throw new Response('Not found', { status: 404 });
  return project;
}

