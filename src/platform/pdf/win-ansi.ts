/*
 * Text for PDFs set in the standard fonts (Helvetica), which every PDF reader has and which pdfkit
 * writes in WinAnsi (Windows-1252): Danish and Swedish letters (æ ø å ä ö), the rest of Latin-1 and
 * the dashes and quotes all come through, with no font file to ship or embed. A character outside
 * WinAnsi would come out as garbage, so text is first folded into it (a letter with a mark WinAnsi
 * lacks loses the mark: ł → l, ő → o; anything else becomes "?"). Embedding a Unicode TrueType font
 * is the way to go when names in other scripts turn up.
 */

/** The characters WinAnsi has beyond Latin-1's printable range (pdfkit's own map). */
const WIN_ANSI_EXTRA = new Set('ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜');
const NO_DECOMPOSITION: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L', '\u2212': '-', '\u202f': '\u00a0', '\u2009': ' ' };

const inWinAnsi = (c: string) => {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c) || c === '\n';
};

/** Text as the standard fonts can set it (see the header). */
export function winAnsi(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (inWinAnsi(c)) out += c;
    else if (NO_DECOMPOSITION[c]) out += NO_DECOMPOSITION[c];
    else {
      const bare = c.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare.length > 0 && [...bare].every(inWinAnsi) ? bare : '?';
    }
  }
  return out;
}
