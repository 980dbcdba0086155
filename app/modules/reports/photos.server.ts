import sharp from 'sharp';
import type { MessageKey, Params } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';

export const maxPhotos = 5;
export const maxPhotoBytes = 10 * 1024 * 1024;
export const maxPhotoMegapixels = 40;
/** What a form with a photos input may carry (readUploadForm stops reading beyond it). */
export const photoUpload = { field: 'photos', maxFiles: maxPhotos, maxFileBytes: maxPhotoBytes };

export type ProcessedPhoto = { mimeType: 'image/jpeg'; width: number; height: number; data: Buffer };
export type PhotoError = { key: MessageKey; params?: Params };

const maxPixels = maxPhotoMegapixels * 1_000_000;
const defaultMaxSide = 1600;
const acceptedFormats: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp']);
const notImage: PhotoError = { key: 'photo.notImage' };

/**
 * The format comes from the content (the file name and the browser's type are only the sender's word),
 * and the pixel count from the header, so an oversized image is refused before any pixel is decoded.
 */
export async function processPhoto(file: File, { maxSide = defaultMaxSide }: { maxSide?: number } = {}): Promise<Result<ProcessedPhoto, PhotoError>> {
  const data = Buffer.from(await file.arrayBuffer());
  // Reading the header decodes no pixels; without sharp's limit here, too many pixels gets its own message.
  const metadata = await sharp(data)
    .metadata()
    .catch(() => null);
  if (!metadata || !acceptedFormats.has(metadata.format)) return { ok: false, errors: notImage };
  if (metadata.width * metadata.height > maxPixels) {
    return { ok: false, errors: { key: 'photo.tooManyPixels', params: { megapixels: maxPhotoMegapixels } } };
  }
  // sharp writes no metadata unless asked (keepMetadata/withMetadata), so EXIF with GPS, XMP and IPTC are dropped.
  const output = await sharp(data, { limitInputPixels: maxPixels })
    .autoOrient()
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
    .catch(() => null);
  if (!output) return { ok: false, errors: notImage };
  return { ok: true, value: { mimeType: 'image/jpeg', width: output.info.width, height: output.info.height, data: output.data } };
}

/**
 * Checks and re-encodes the photos attached to a report or an answer: the count first, then the byte sizes
 * (cheap, nothing decoded yet), then each file's content. Originals are never kept: they may carry where the
 * sender stood. Ignores empty file inputs (size 0, as browsers send for an empty <input type=file>).
 */
export async function processPhotos(files: File[]): Promise<Result<ProcessedPhoto[], { photos: PhotoError }>> {
  const attached = files.filter((file) => file.size > 0);
  if (attached.length > maxPhotos) return { ok: false, errors: { photos: { key: 'photo.tooMany', params: { max: maxPhotos } } } };
  if (attached.some((file) => file.size > maxPhotoBytes)) {
    return { ok: false, errors: { photos: { key: 'photo.tooLarge', params: { mb: maxPhotoBytes / 1024 / 1024 } } } };
  }
  const photos: ProcessedPhoto[] = [];
  // One at a time: a photo at the pixel limit takes over 100 MB to decode.
  for (const file of attached) {
    const photo = await processPhoto(file);
    if (!photo.ok) return { ok: false, errors: { photos: photo.errors } };
    photos.push(photo.value);
  }
  return { ok: true, value: photos };
}
