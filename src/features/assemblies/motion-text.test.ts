import { describe, expect, it } from 'vitest';
import { applyReplacements, LINE_LENGTH, linesText, motionLines, normalisedText, textDiff, textWithAdopted, votingOrder, type AmendmentLike, type MotionWithAmendments } from './motion-text.js';

const body = [
  'Generalforsamlingen beslutter:',
  'at kontingentet fastholdes,',
  'at bestyrelsen arbejder for flere tillidsrepræsentanter,',
  '',
  'og at der holdes et medlemsmøde i hver kommune hvert år.',
].join('\n');

const amendment = (n: number, fromLine: number, toLine: number, replacement: string, state: AmendmentLike['state'] = 'admitted'): AmendmentLike => ({ id: `a${n}`, number: n, fromLine, toLine, replacement, state });
const motion = (amendments: AmendmentLike[], text = body): MotionWithAmendments => ({ id: 'm1', number: 3, state: 'admitted', body: text, amendments });

describe('numbering the lines of a motion', () => {
  it('numbers each typed line, gives a blank line no number and marks the paragraph after it', () => {
    const lines = motionLines(body);
    expect(lines.map((l) => l.number)).toEqual([1, 2, 3, 4]);
    expect(lines[3]).toEqual({ number: 4, text: 'og at der holdes et medlemsmøde i hver kommune hvert år.', paragraph: true });
    expect(lines[1].paragraph).toBe(false);
  });

  it('wraps a long paragraph into lines of at most the line length, at spaces, the same every time', () => {
    const long = Array.from({ length: 40 }, (_, i) => `ord${i}`).join(' ');
    const lines = motionLines(long);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(LINE_LENGTH);
    expect(lines.map((l) => l.text).join(' ')).toBe(long);
    expect(motionLines(long)).toEqual(lines);
  });

  it('reads Windows line breaks and runs of spaces as one', () => {
    expect(motionLines('a  b\r\nc')).toEqual([
      { number: 1, text: 'a b', paragraph: false },
      { number: 2, text: 'c', paragraph: false },
    ]);
    expect(normalisedText('a  b\r\n\r\n\r\nc')).toBe('a b\n\nc');
  });

  it('gives the text of a range of lines as it stands', () => {
    expect(linesText(body, 2, 3)).toBe('at kontingentet fastholdes,\nat bestyrelsen arbejder for flere tillidsrepræsentanter,');
  });
});

describe('applying amendments', () => {
  it('replaces the lines named, and strikes them with an empty replacement', () => {
    const r = applyReplacements(body, [
      { number: 1, fromLine: 2, toLine: 2, replacement: 'at kontingentet sænkes med 10 kr.,' },
      { number: 2, fromLine: 3, toLine: 3, replacement: '' },
    ]);
    expect(r.text).toBe('Generalforsamlingen beslutter:\nat kontingentet sænkes med 10 kr.,\n\nog at der holdes et medlemsmøde i hver kommune hvert år.');
    expect(r.applied).toEqual([1, 2]);
  });

  it('names lines of the original text, so two amendments apply together whatever their order', () => {
    const a = { number: 1, fromLine: 1, toLine: 1, replacement: 'Forsamlingen beslutter:' };
    const b = { number: 2, fromLine: 4, toLine: 4, replacement: 'og at der holdes medlemsmøder.' };
    expect(applyReplacements(body, [a, b]).text).toBe(applyReplacements(body, [b, a]).text);
    expect(applyReplacements(body, [b, a]).text).toContain('Forsamlingen beslutter:\nat kontingentet');
  });

  it('replaces part of a wrapped paragraph and joins the rest with a space', () => {
    const long = Array.from({ length: 30 }, (_, i) => `ord${i}`).join(' ');
    const lines = motionLines(long);
    const r = applyReplacements(long, [{ number: 1, fromLine: 2, toLine: 2, replacement: 'NY TEKST' }]);
    expect(r.text).toBe(`${lines[0].text} NY TEKST ${lines.slice(2).map((l) => l.text).join(' ')}`.trim());
  });

  it('does not apply one that overlaps an amendment before it, nor one naming lines the text lacks', () => {
    const r = applyReplacements(body, [
      { number: 1, fromLine: 2, toLine: 3, replacement: 'X' },
      { number: 2, fromLine: 3, toLine: 4, replacement: 'Y' },
      { number: 3, fromLine: 9, toLine: 9, replacement: 'Z' },
    ]);
    expect(r.applied).toEqual([1]);
    expect(r.skipped).toEqual([2, 3]);
    expect(r.text).toBe('Generalforsamlingen beslutter:\nX\n\nog at der holdes et medlemsmøde i hver kommune hvert år.');
  });

  it('strikes a first and a last line without leaving a break behind', () => {
    expect(applyReplacements('a\nb\nc', [{ number: 1, fromLine: 1, toLine: 1, replacement: '' }]).text).toBe('b\nc');
    expect(applyReplacements('a\nb\nc', [{ number: 1, fromLine: 3, toLine: 3, replacement: '' }]).text).toBe('a\nb');
  });
});

describe('the order of the votes', () => {
  it('puts the amendments first in the order of the text, the widest of those from one line first, then the motion', () => {
    const order = votingOrder(
      motion([amendment(1, 4, 4, 'x'), amendment(2, 2, 2, 'y'), amendment(3, 2, 3, 'z'), amendment(4, 1, 1, 'w', 'refused'), amendment(5, 1, 1, 'v', 'submitted'), amendment(6, 3, 3, 'u', 'withdrawn')]),
    );
    expect(order.map((s) => (s.kind === 'amendment' ? `A${s.number}` : `M${s.number}`))).toEqual(['A3', 'A2', 'A1', 'M3']);
  });

  it('says which amendments fall if an earlier one on the same lines is adopted', () => {
    const order = votingOrder(motion([amendment(1, 2, 3, 'x'), amendment(2, 3, 3, 'y'), amendment(3, 4, 4, 'z')]));
    const falls = Object.fromEntries(order.filter((s) => s.kind === 'amendment').map((s) => [s.number, s.kind === 'amendment' ? s.fallsWith : []]));
    expect(falls).toEqual({ 1: [], 2: [1], 3: [] });
  });

  it('keeps decided amendments in the order, so the chair sees what was voted', () => {
    const order = votingOrder(motion([amendment(1, 1, 1, 'x', 'adopted'), amendment(2, 2, 2, 'y', 'rejected')]));
    expect(order.map((s) => s.state)).toEqual(['adopted', 'rejected', 'admitted']);
  });
});

describe('the text with the adopted amendments', () => {
  it('applies only the adopted ones and gives the diff word by word', () => {
    const r = textWithAdopted(motion([amendment(1, 2, 2, 'at kontingentet sænkes,', 'adopted'), amendment(2, 4, 4, 'og intet andet.', 'rejected')]));
    expect(r.text).toContain('at kontingentet sænkes,');
    expect(r.text).toContain('medlemsmøde');
    expect(r.applied).toEqual([1]);
    const added = r.diff.filter((p) => p.kind === 'added').map((p) => p.text.trim());
    const removed = r.diff.filter((p) => p.kind === 'removed').map((p) => p.text.trim());
    expect(added.join(' ')).toContain('sænkes');
    expect(removed.join(' ')).toContain('fastholdes');
    expect(r.diff.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(r.text);
  });

  it('is the original text, unchanged, while nothing is adopted', () => {
    const r = textWithAdopted(motion([amendment(1, 2, 2, 'x')]));
    expect(r.text).toBe(normalisedText(body));
    expect(r.diff.every((p) => p.kind === 'same')).toBe(true);
  });

  it('skips an adopted amendment whose lines an adopted one before it already replaced, and says so', () => {
    const r = textWithAdopted(motion([amendment(1, 2, 3, 'X', 'adopted'), amendment(2, 3, 3, 'Y', 'adopted')]));
    expect(r.applied).toEqual([1]);
    expect(r.skipped).toEqual([2]);
    expect(textDiff('a b', 'a c').map((p) => p.kind)).toEqual(['same', 'removed', 'added']);
  });
});
