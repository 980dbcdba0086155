import type { AppLoadContext } from '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    clientIp: string | null;
  }
}

/** The client's address as the server saw it (scripts/serve.mjs), or null in a bare handler. */
export function clientIp(context: AppLoadContext | undefined): string | null {
  const ip = context?.clientIp?.replace(/^::ffff:/, '');
  return ip && /^[0-9a-fA-F:.]{3,45}$/.test(ip) ? ip : null;
}
