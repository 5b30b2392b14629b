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

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
const isOle = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

/**
 * The kinds of file the features accept, by extension, each with the first bytes its files start
 * with: a renamed script or an HTML page is refused whatever its name says. Office documents are
 * ZIP (docx, xlsx, pptx, odt, ods, key) or OLE (doc, xls, ppt) containers.
 */
export const fileKinds: Readonly<Record<string, { contentType: string; looksRight: (b: Buffer) => boolean }>> = {
  pdf: { contentType: 'application/pdf', looksRight: isPdf },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', looksRight: isZip },
  doc: { contentType: 'application/msword', looksRight: isOle },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', looksRight: isZip },
  xls: { contentType: 'application/vnd.ms-excel', looksRight: isOle },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', looksRight: isZip },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', looksRight: isZip },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', looksRight: isZip },
  ppt: { contentType: 'application/vnd.ms-powerpoint', looksRight: isOle },
  key: { contentType: 'application/vnd.apple.keynote', looksRight: isZip },
  zip: { contentType: 'application/zip', looksRight: isZip },
  png: { contentType: 'image/png', looksRight: (b) => imageTypeOf(b) === 'image/png' },
  jpg: { contentType: 'image/jpeg', looksRight: (b) => imageTypeOf(b) === 'image/jpeg' },
  jpeg: { contentType: 'image/jpeg', looksRight: (b) => imageTypeOf(b) === 'image/jpeg' },
  gif: { contentType: 'image/gif', looksRight: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  webp: { contentType: 'image/webp', looksRight: (b) => imageTypeOf(b) === 'image/webp' },
};

/** The file's kind by its extension, if the extension is one of `allowed` (all kinds when left out) and the bytes are that kind. */
export function fileKindOf(fileName: string, bytes: Buffer, allowed?: readonly string[]): { ext: string; contentType: string } | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const kind = Object.hasOwn(fileKinds, ext) ? fileKinds[ext] : undefined;
  if (!kind || (allowed && !allowed.includes(ext)) || !kind.looksRight(bytes)) return null;
  return { ext, contentType: kind.contentType };
}
