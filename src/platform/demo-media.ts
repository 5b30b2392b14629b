import { crc32, deflateSync } from 'node:zlib';

/*
 * Pictures and a PDF drawn in code for the demo organisation (no binary files in the repository):
 * enough for covers, photos and a magazine issue without an image library.
 */

export type Rgb = [number, number, number];

/** A PNG drawn pixel by pixel (RGB, 8 bits): enough for a demo cover or photo without an image library. */
export function drawPng(width: number, height: number, paint: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];

/** A magazine cover in A4 proportions: a masthead band, a coloured field and a large round "illustration". */
export function demoCover(base: Rgb, accent: Rgb): Buffer {
  const w = 420;
  const h = 594;
  return drawPng(w, h, (x, y) => {
    if (y < 96) return y > 78 ? accent : [250, 250, 247];
    const dx = x - w * 0.58;
    const dy = y - h * 0.62;
    if (dx * dx + dy * dy < 150 * 150) return mix(accent, [255, 255, 255], 0.25 + (0.25 * (y - h * 0.62 + 150)) / 300);
    if (y > h - 60 && x > 32 && x < w - 32 && (y - (h - 60)) % 18 < 6) return [250, 250, 247];
    return mix(base, [0, 0, 0], (0.15 * y) / h);
  });
}

/** A press photo stand-in: sky, sun and a green field. */
export function demoPhoto(): Buffer {
  const w = 1200;
  const h = 800;
  return drawPng(w, h, (x, y) => {
    const sun = (x - 880) ** 2 + (y - 210) ** 2 < 90 ** 2;
    if (sun) return [255, 214, 102];
    if (y < h * 0.62) return mix([120, 175, 230], [214, 234, 248], y / (h * 0.62));
    return mix([92, 160, 80], [46, 105, 48], (y - h * 0.62) / (h * 0.38));
  });
}

/**
 * A small, valid one-page PDF written by hand: the title and its contents in Helvetica,
 * with the cross-reference table computed from the real byte offsets (so readers open it without
 * repairing it). Text is Windows-1252 (WinAnsiEncoding), which covers æ, ø, å and the middle dot.
 */
export function demoPdf(title: string, lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 26 Tf 60 770 Td (${esc(title)}) Tj ET`, ...lines.map((l, i) => `BT /F1 14 Tf 60 ${720 - i * 26} Td (${esc(l)}) Tj ET`)].join('\n');
  const stream = Buffer.from(text, 'latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj =
      body === null
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n', 'latin1')])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(obj);
    length += obj.length;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `), 'trailer', `<< /Size ${objects.length + 1} /Root 1 0 R >>`, 'startxref', String(length), '%%EOF', ''].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** A soft diagonal gradient between two colours (a news post's cover). */
export function gradientPng(width: number, height: number, from: Rgb, to: Rgb): Buffer {
  return drawPng(width, height, (x, y) => mix(from, to, (x / width + y / height) / 2));
}
