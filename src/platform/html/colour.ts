/** WCAG 2.x relative luminance and contrast, to keep the organisation's own colour readable. */
function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  const n = m ? parseInt(m[1], 16) : 0x1d4f91;
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]: [number, number, number]): string {
  return '#' + [r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('');
}

export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Darkens (or lightens) a colour step by step until it reaches the contrast ratio against `against`. */
export function ensureContrast(hex: string, against: string, ratio = 4.5): string {
  let rgb = parseHex(hex);
  const darken = luminance(against) > 0.5;
  for (let i = 0; i < 40 && contrast(toHex(rgb), against) < ratio; i++) {
    rgb = rgb.map((v) => (darken ? v * 0.9 : v + (255 - v) * 0.1)) as [number, number, number];
  }
  return toHex(rgb);
}

/** The custom properties that carry the organisation's colour through the design system. */
export function themeCss(brandColour: string): string {
  const brand = ensureContrast(brandColour, '#ffffff', 4.5);
  const onBrand = contrast(brand, '#ffffff') >= contrast(brand, '#111111') ? '#ffffff' : '#111111';
  const [r, g, b] = parseHex(brand);
  const dark = toHex([r * 0.8, g * 0.8, b * 0.8]);
  const tint = toHex([r + (255 - r) * 0.9, g + (255 - g) * 0.9, b + (255 - b) * 0.9]);
  return `:root{--brand:${brand};--brand-dark:${dark};--brand-tint:${tint};--on-brand:${onBrand};}\n`;
}
