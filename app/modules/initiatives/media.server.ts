// The Initiatives tool's photos in the media store (ADR 051): their namespace and columns, for uploads, media:migrate and the orphan sweep.
import type { MediaTable } from '#app/utils/stored-media.server';

export const initiativeMedia: MediaTable = { namespace: 'initiative-photos', table: 'initiative_photos', bytesColumn: 'data', mimeColumn: 'mime_type' };
