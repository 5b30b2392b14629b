/**
 * What an uploaded file really is, from its first bytes, whatever its name or the browser says: a
 * renamed script, an HTML page or an SVG is never taken as an image or a PDF.
 */

export const imageTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageType = (typeof imageTypes)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image type the bytes are (PNG, JPEG or WebP), or null. */
export function imageTypeOf(b: Buffer): ImageType | null {
  if (b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export function isPdf(b: Buffer): boolean {
  return b.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** The name as the uploader's computer gave it, without folders or control characters (at most 200 characters). */
export function cleanFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200) || fallback;
}
