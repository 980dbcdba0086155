const extensions: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * An uploaded image as the browser should take it: its re-encoded type only, never sniffed, shown inline under a
 * name we chose, sandboxed if opened on its own; cached by shared caches only when the image is public.
 */
export function imageResponse(data: Uint8Array, mimeType: string, name: string, visibility: 'public' | 'private'): Response {
  const type = extensions[mimeType] ? mimeType : 'application/octet-stream';
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `inline; filename="${name.replace(/[^\w.-]/g, '_')}.${extensions[type] ?? 'bin'}"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': visibility === 'public' ? 'public, max-age=86400' : 'private, max-age=3600',
    },
  });
}
