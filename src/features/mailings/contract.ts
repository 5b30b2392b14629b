import type { SQL } from 'drizzle-orm';
import type { Locale } from '../../platform/i18n/i18n.js';

/**
 * The seam between composing a mailing (render, consent, invitations) and delivering it (freeze,
 * dispatch). Both halves of the feature code against these types.
 */

/** What the dispatcher knows of one frozen recipient when it renders their mail. */
export interface RecipientFields {
  recipientId: number;
  personId: string | null;
  email: string;
  locale: Locale;
  firstName: string;
  lastName: string;
  memberNumber: string | null;
}

/** One rendered message, ready for nodemailer. */
export interface RenderedMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /**
   * `List-Unsubscribe` and `List-Unsubscribe-Post` for newsletters (RFC 8058); for a service mail the
   * threading headers it was sent with (`Message-ID`, `In-Reply-To`, `References`), else empty.
   */
  headers: Record<string, string>;
}

/**
 * A mailing compiled once per dispatcher: the Markdown of each version is rendered to HTML and text a
 * single time, and `render` only fills in the merge fields and links of one recipient.
 */
export interface PreparedMailing {
  mailingId: string;
  kind: 'newsletter' | 'service';
  topicId: string | null;
  render(recipient: RecipientFields): RenderedMessage;
}

/** Everything wrong with a mailing before it may be sent (unknown merge field, no subject, …). */
export interface MailingProblem {
  /** The field path as forms and the API name it: `subject`, `body`, `contents.sv.body`, `segmentId`, `topicId`. */
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

/** Links in a mail point at the public address of the installation. */
export interface MailingLinkContext {
  baseUrl: string;
}

/** A condition on a person id column: true when this person may receive newsletters of the topic. */
export type SubscribedCondition = (personId: SQL, topicId: string) => SQL;
