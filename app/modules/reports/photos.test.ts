import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { maxPhotos, processPhotos } from './photos.server';

const grey = { r: 128, g: 128, b: 128 };

function image(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: grey } });
}

function file(data: Buffer, name = 'photo.jpg', type = 'image/jpeg') {
  return new File([new Uint8Array(data)], name, { type });
}

async function processOne(data: Buffer, name?: string, type?: string) {
  const result = await processPhotos([file(data, name, type)]);
  if (!result.ok) throw new Error(`photo refused: ${result.errors.photos.key}`);
  expect(result.value).toHaveLength(1);
  return result.value[0]!;
}

describe('processPhotos', () => {
  it('strips EXIF (with the GPS location) and XMP from the output', async () => {
    const input = await image(400, 300)
      .withExif({
        IFD0: { Make: 'PhoneCo', Model: 'Phone 1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '37/1 37/1 0/1' },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .jpeg()
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(before.exif!.toString('latin1')).toContain('PhoneCo');
    expect(before.xmp).toBeDefined();

    const photo = await processOne(input);
    const after = await sharp(photo.data).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
  });

  it('re-encodes a large PNG as a JPEG fitting 1600×1600', async () => {
    const photo = await processOne(await image(4000, 3000).png().toBuffer(), 'scan.png', 'image/png');
    expect(photo).toMatchObject({ mimeType: 'image/jpeg', width: 1600, height: 1200 });
    const metadata = await sharp(photo.data).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
  });

  it('does not enlarge a small photo', async () => {
    const photo = await processOne(await image(320, 240).webp().toBuffer(), 'small.webp', 'image/webp');
    expect(photo).toMatchObject({ mimeType: 'image/jpeg', width: 320, height: 240 });
  });

  it('applies the EXIF orientation', async () => {
    const input = await image(200, 100).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);

    const photo = await processOne(input);
    expect(photo).toMatchObject({ width: 100, height: 200 });
    const metadata = await sharp(photo.data).metadata();
    expect(metadata).toMatchObject({ width: 100, height: 200 });
    expect(metadata.orientation).toBeUndefined();
  });

  it('judges by content, not by name or claimed type: refuses a text file named photo.jpg', async () => {
    const result = await processPhotos([file(Buffer.from('definitely not a photo\n'), 'photo.jpg', 'image/jpeg')]);
    expect(result).toEqual({ ok: false, errors: { photos: { key: 'photo.notImage' } } });
  });

  it('refuses a GIF', async () => {
    const gif = await image(50, 50).gif().toBuffer();
    expect((await sharp(gif).metadata()).format).toBe('gif');
    const result = await processPhotos([file(gif, 'photo.jpg', 'image/jpeg')]);
    expect(result).toEqual({ ok: false, errors: { photos: { key: 'photo.notImage' } } });
  });

  it('refuses more than 5 photos', async () => {
    const jpeg = await image(10, 10).jpeg().toBuffer();
    const result = await processPhotos(Array.from({ length: maxPhotos + 1 }, () => file(jpeg)));
    expect(result).toEqual({ ok: false, errors: { photos: { key: 'photo.tooMany', params: { max: 5 } } } });
  });

  it('refuses a file over 10 MB before looking at its content', async () => {
    const result = await processPhotos([file(Buffer.alloc(11 * 1024 * 1024))]);
    expect(result).toEqual({ ok: false, errors: { photos: { key: 'photo.tooLarge', params: { mb: 10 } } } });
  });

  it('refuses an image over 40 megapixels', async () => {
    const png = await image(7000, 7000).png().toBuffer();
    const result = await processPhotos([file(png, 'huge.png', 'image/png')]);
    expect(result).toEqual({ ok: false, errors: { photos: { key: 'photo.tooManyPixels', params: { megapixels: 40 } } } });
  });

  it('ignores empty file inputs', async () => {
    const jpeg = await image(10, 10).jpeg().toBuffer();
    const empty = new File([], '', { type: 'application/octet-stream' });
    const result = await processPhotos([empty, file(jpeg), ...Array.from({ length: maxPhotos }, () => empty)]);
    expect(result.ok && result.value.map((p) => [p.width, p.height])).toEqual([[10, 10]]);
    expect(await processPhotos([empty])).toEqual({ ok: true, value: [] });
  });
});
