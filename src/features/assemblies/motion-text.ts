import { diffWords } from 'diff';
import type { AmendmentState, MotionState } from './motion-tables.js';

/*
 * A motion's text as the hall reads it: in numbered lines, so an amendment can name the lines it
 * replaces ("lines 4–6"), and after the votes with the adopted amendments applied, as a diff.
 *
 * Lines are display lines of at most LINE_LENGTH characters, wrapped at spaces, as printed
 * motions are (and as OpenSlides numbers them): a paragraph typed as one long line would otherwise
 * be one "line", and an amendment could only replace it whole. The wrapping depends on nothing but
 * the text, so the numbers are the same on a phone, in the motions pack and on the chair's screen.
 * Every line break the submitter typed starts a new line; a blank line is a paragraph break and
 * gets no number. Runs of spaces are read as one.
 */

export const LINE_LENGTH = 80;

/** One numbered line; `paragraph`: a blank line stands before it in the text. */
export type MotionLine = { number: number; text: string; paragraph: boolean };

/** The lines and, between line i and i+1, what joins them: a space (wrapped), a line break, or a blank line. */
type Layout = { lines: string[]; joins: string[] };

function layout(body: string): Layout {
  const lines: string[] = [];
  const joins: string[] = [];
  let blank = false;
  for (const source of body.replace(/\r\n?/g, '\n').split('\n')) {
    const words = source.split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      blank = lines.length > 0;
      continue;
    }
    let current = '';
    const wrapped: string[] = [];
    for (const word of words) {
      if (!current) current = word;
      else if (current.length + 1 + word.length <= LINE_LENGTH) current += ` ${word}`;
      else {
        wrapped.push(current);
        current = word;
      }
    }
    wrapped.push(current);
    wrapped.forEach((line, i) => {
      if (lines.length > 0) joins.push(i > 0 ? ' ' : blank ? '\n\n' : '\n');
      lines.push(line);
    });
    blank = false;
  }
  return { lines, joins };
}

/** The text in numbered lines (1-based). */
export function motionLines(body: string): MotionLine[] {
  const { lines, joins } = layout(body);
  return lines.map((text, i) => ({ number: i + 1, text, paragraph: i > 0 && joins[i - 1] === '\n\n' }));
}

/** The text as its lines read it (spaces collapsed, at most one blank line between paragraphs). */
export function normalisedText(body: string): string {
  const { lines, joins } = layout(body);
  return lines.map((l, i) => l + (joins[i] ?? '')).join('');
}

/** The text of lines `from`–`to` of the motion, joined as they stand in it. */
export function linesText(body: string, from: number, to: number): string {
  const { lines, joins } = layout(body);
  return lines
    .slice(from - 1, to)
    .map((l, i, all) => l + (i < all.length - 1 ? joins[from - 1 + i] : ''))
    .join('');
}

/** What an amendment is to the text: lines of the original it replaces, and with what. */
export type LineReplacement = { number: number; fromLine: number; toLine: number; replacement: string };

const breaks = (s: string) => (s.match(/\n/g) ?? []).length;

/**
 * The text with these amendments applied, in the order given (the voting order). Every amendment
 * names lines of the original text, so they are applied together, not one after the other; one
 * that touches lines an earlier one in the order already replaced is not applied (it fell when the
 * earlier one was adopted) and is returned in `skipped`, as is one naming lines the text lacks.
 * An empty replacement strikes the lines.
 */
export function applyReplacements(body: string, replacements: readonly LineReplacement[]): { text: string; applied: number[]; skipped: number[] } {
  const { lines, joins } = layout(body);
  const taken: LineReplacement[] = [];
  const skipped: number[] = [];
  for (const r of replacements) {
    const fits = r.fromLine >= 1 && r.toLine >= r.fromLine && r.toLine <= lines.length;
    if (!fits || taken.some((x) => r.fromLine <= x.toLine && x.fromLine <= r.toLine)) skipped.push(r.number);
    else taken.push(r);
  }
  const byStart = new Map(taken.map((r) => [r.fromLine - 1, r]));
  const parts: { text: string; join: string }[] = [];
  for (let i = 0; i < lines.length; ) {
    const r = byStart.get(i);
    if (!r) {
      parts.push({ text: lines[i], join: joins[i] ?? '' });
      i++;
      continue;
    }
    const after = joins[r.toLine - 1] ?? '';
    const replacement = normalisedText(r.replacement);
    if (replacement) parts.push({ text: replacement, join: after });
    else if (parts.length > 0) {
      // Struck lines leave one break where two stood: the heavier one, so a struck paragraph leaves a paragraph break.
      const last = parts[parts.length - 1];
      if (breaks(after) > breaks(last.join)) last.join = after;
    }
    i = r.toLine;
  }
  if (parts.length > 0) parts[parts.length - 1].join = '';
  return { text: parts.map((p) => p.text + p.join).join(''), applied: taken.map((r) => r.number), skipped };
}

/** A run of words the same in both texts, added by the amendments, or removed by them. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** Word by word: what the amended text adds to the original and takes from it. */
export function textDiff(original: string, amended: string): DiffPart[] {
  return diffWords(original, amended).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/** An amendment as the voting order and the amended text need it. */
export type AmendmentLike = { id: string; number: number; fromLine: number; toLine: number; replacement: string; state: AmendmentState };

/** A motion with its amendments, as `votingOrder` and `textWithAdopted` need it. */
export type MotionWithAmendments = { id: string; number: number; state: MotionState; body: string; amendments: readonly AmendmentLike[] };

/** One vote in the order the chair puts them. `fallsWith`: numbers of amendments before it on the same lines (if one is adopted, this one falls). */
export type VoteStep =
  | { kind: 'amendment'; amendmentId: string; number: number; fromLine: number; toLine: number; state: AmendmentState; fallsWith: number[] }
  | { kind: 'motion'; motionId: string; number: number; state: MotionState };

/** Amendments that are or were before the assembly: admitted, then adopted or rejected. */
const voted = (a: AmendmentLike) => a.state === 'admitted' || a.state === 'adopted' || a.state === 'rejected';

/**
 * The order of the votes on a motion: its amendments first, then the motion (as amended).
 * Amendments go in the order of the text (by the first line they replace); of two starting at the
 * same line the one replacing more lines goes first, as the one furthest from the original text
 * (the common rule: the most far-reaching amendment is put first), then by number. An amendment
 * whose lines overlap one before it falls if that one is adopted (`fallsWith`). Amendments not
 * admitted, refused or withdrawn are not voted on and are left out.
 */
export function votingOrder(motion: MotionWithAmendments): VoteStep[] {
  const ordered = motion.amendments.filter(voted).sort((a, b) => a.fromLine - b.fromLine || b.toLine - b.fromLine - (a.toLine - a.fromLine) || a.number - b.number);
  const steps: VoteStep[] = ordered.map((a, i) => ({
    kind: 'amendment',
    amendmentId: a.id,
    number: a.number,
    fromLine: a.fromLine,
    toLine: a.toLine,
    state: a.state,
    fallsWith: ordered
      .slice(0, i)
      .filter((x) => x.fromLine <= a.toLine && a.fromLine <= x.toLine)
      .map((x) => x.number),
  }));
  steps.push({ kind: 'motion', motionId: motion.id, number: motion.number, state: motion.state });
  return steps;
}

export type AmendedText = {
  /** The text with the adopted amendments applied. */
  text: string;
  lines: MotionLine[];
  /** Against the original text, word by word. */
  diff: DiffPart[];
  /** Numbers of the adopted amendments applied, and of adopted ones not applied (their lines were already replaced). */
  applied: number[];
  skipped: number[];
};

/** The motion's text with its adopted amendments applied (in the voting order), and the diff against the original. */
export function textWithAdopted(motion: MotionWithAmendments): AmendedText {
  const adopted = votingOrder(motion)
    .filter((s): s is Extract<VoteStep, { kind: 'amendment' }> => s.kind === 'amendment' && s.state === 'adopted')
    .map((s) => motion.amendments.find((a) => a.id === s.amendmentId)!);
  const original = normalisedText(motion.body);
  const { text, applied, skipped } = applyReplacements(motion.body, adopted);
  return { text, lines: motionLines(text), diff: textDiff(original, text), applied, skipped };
}
