// What other tools may call of Ideas (ADR 037): its part of the JSON API's description.
export { ideasApiPaths } from './api.server';
export { proposeIdea, type ProposeFailure } from './propose-idea.server';
export { supportIdea } from './support-idea.server';
export { listProjects } from './queries.server';
