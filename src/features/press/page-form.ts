import type { FastifyRequest } from 'fastify';
import { fieldError, fieldErrorsFromZod, type FieldError } from '../../platform/errors.js';
import { readMultipart } from '../../platform/http/forms.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
// The staff forms of events and workplace meetings turn wall-clock dates and times into instants the same way.
import { localParts, zonedInstant } from '../../platform/i18n/zoned-time.js';
import type { Release } from './queries.js';
import type { Upload } from './photo.js';
import { PHOTO_MAX_BYTES } from './photo.js';
import { releaseInput, type ReleaseInput } from './schema.js';
import type { ReleaseFormValues } from './pages/release-form.js';

export type ReleaseForm = { ok: true; data: ReleaseInput; photo: Upload | null; values: Record<string, string> } | { ok: false; errors: FieldError[]; values: Record<string, string> };

/** The release as the form shows it: the embargo as a date and a time on the organisation's clock. */
export function formValuesOf(release: Release): ReleaseFormValues {
  const embargo = release.embargoUntil ? localParts(release.embargoUntil, organisationTimeZone) : null;
  return {
    title: release.title,
    summary: release.summary,
    content: release.body,
    contactPersonId: release.contactPersonId ?? '',
    embargoDate: embargo?.date ?? '',
    embargoTime: embargo?.time ?? '',
    photoCredit: release.photo?.credit ?? '',
    photoAlt: release.photo?.alt ?? '',
  };
}

/**
 * The release form (multipart: the photo comes with the text) → the input schema and the photo.
 * The embargo is typed as a date and a time in the organisation's zone; both empty is no embargo.
 * When the text is refused, the photo's own rules are told at the same time, so one round tells all.
 */
export async function parseReleaseForm(req: FastifyRequest, hasPhotoNow: boolean): Promise<ReleaseForm> {
  const { values, files } = readMultipart(req.body);
  const errors: FieldError[] = [];
  let photo: Upload | null = null;
  const part = files.photo;
  if (part) {
    const bytes = await part.toBuffer();
    if (part.file.truncated) errors.push(fieldError(req.t, 'photo', 'press.photo_too_large', { max: PHOTO_MAX_BYTES / 1024 / 1024 }));
    else photo = { fileName: part.filename, bytes };
  }
  const date = (values.embargoDate ?? '').trim();
  const time = (values.embargoTime ?? '').trim();
  let embargoUntil: string | null = null;
  if (date || time) {
    if (!date) errors.push(fieldError(req.t, 'embargoDate', 'validation.required'));
    else if (!time) errors.push(fieldError(req.t, 'embargoTime', 'validation.required'));
    else {
      const at = zonedInstant(date, time, organisationTimeZone);
      if (at) embargoUntil = at.toISOString();
      else if (zonedInstant(date, '00:00', organisationTimeZone)) errors.push(fieldError(req.t, 'embargoTime', 'validation.invalid_time'));
      else errors.push(fieldError(req.t, 'embargoDate', 'validation.invalid_date'));
    }
  }
  const parsed = releaseInput.safeParse({
    title: values.title ?? '',
    summary: values.summary ?? '',
    content: values.content ?? '',
    contactPersonId: values.contactPersonId ?? '',
    embargoUntil,
    photoCredit: values.photoCredit,
    photoAlt: values.photoAlt,
    removePhoto: values.removePhoto === 'on',
  });
  if (!parsed.success) {
    errors.push(...fieldErrorsFromZod(parsed.error, req.t));
    const hasPhoto = Boolean(part) || (hasPhotoNow && values.removePhoto !== 'on');
    if (hasPhoto && !(values.photoCredit ?? '').trim()) errors.push(fieldError(req.t, 'photoCredit', 'press.photo_credit_required'));
    if (hasPhoto && !(values.photoAlt ?? '').trim()) errors.push(fieldError(req.t, 'photoAlt', 'press.photo_alt_required'));
  }
  if (errors.length || !parsed.success) return { ok: false, errors, values };
  return { ok: true, data: parsed.data, photo, values };
}
