import type { ReasonTable } from '../../platform/outcomes.js';

/**
 * The hall's own reasons (opening and closing the assembly, the current item, the speakers' list),
 * for the API and the pages. Each names the rule that refused: "the speakers' list is closed",
 * "only members checked in may ask to speak".
 */
export const hallAnswers = {
  poll_open: { status: 409, code: 'hall.poll_open' },
  no_current_item: { status: 409, code: 'speaker.no_current_item' },
  list_closed: { status: 409, code: 'speaker.list_closed' },
  not_present: { status: 409, code: 'speaker.not_present' },
  already_listed: { status: 409, code: 'speaker.already_listed' },
  not_listed: { status: 409, code: 'speaker.not_listed' },
  speaker_done: { status: 409, code: 'speaker.already_done' },
  speaker_not_on_roll: { status: 422, code: 'speaker.not_on_roll', field: 'personId' },
} satisfies ReasonTable<string>;

export type HallReason = keyof typeof hallAnswers;
export type HallFailure<R extends HallReason> = { ok: false; reason: R };
export const hallFailure = <R extends HallReason>(reason: R): HallFailure<R> => ({ ok: false, reason });
