// What other tools may call of Initiatives (ADR 037): its part of the JSON API's description.
export { initiativesApiPaths } from './api.server';
