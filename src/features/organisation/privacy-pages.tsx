import { Layout } from '../../platform/html/layout.js';
import { PageHeader } from '../../platform/html/components.js';
import { Markdown } from '../../platform/html/markdown.js';
import type { View } from '../../platform/html/view.js';
import { isLocale, locales, type Locale } from '../../platform/i18n/i18n.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import type { Organisation } from '../../kernel/organisation.js';

/** A language's name inside a sentence ("shown here in Swedish"), in the reader's language. */
const privacyLanguageLabel = {
  da: 'privacy.language.da',
  sv: 'privacy.language.sv',
  en: 'privacy.language.en',
} as const satisfies LabelTable<Locale>;

export interface ChosenNotice {
  locale: Locale;
  text: string;
}

/**
 * The organisation's own notice in the visitor's language, else in the organisation's default
 * language, else in any language that has text (da, sv, en); null when no language has any.
 */
export function chooseNotice(notice: Organisation['privacyNotice'], visitor: Locale, fallback: Locale): ChosenNotice | null {
  for (const locale of [visitor, fallback, ...locales]) {
    const text = notice[locale]?.trim();
    if (text) return { locale, text };
  }
  return null;
}

/** Text put into Markdown as it is: an organisation called "A*B" is not emphasis. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/**
 * The notice an organisation gets before it writes its own: who is responsible and how to reach
 * them, what the register keeps, why, who sees it, how long, and the reader's rights.
 */
export function builtinNotice(view: View, org: Pick<Organisation, 'name' | 'email'>): string {
  const { t } = view;
  const organisation = escapeMarkdown(org.name);
  const contact = org.email
    ? t('privacy.builtin.contact', { email: `[${escapeMarkdown(org.email)}](mailto:${encodeURI(org.email)})` })
    : t('privacy.builtin.contact_no_email');
  return [
    t('privacy.builtin.intro', { organisation }),
    contact,
    t('privacy.builtin.data'),
    t('privacy.builtin.special', { organisation }),
    t('privacy.builtin.purposes'),
    t('privacy.builtin.sharing'),
    t('privacy.builtin.retention'),
    t('privacy.builtin.rights', { download: escapeMarkdown(t('me.download')) }),
    t('privacy.builtin.complaint'),
  ].join('\n\n');
}

export function PrivacyPage({ view, org, canEdit }: { view: View; org: Organisation; canEdit: boolean }): JSX.Element {
  const { t } = view;
  const chosen = chooseNotice(org.privacyNotice, view.locale, isLocale(org.defaultLocale) ? org.defaultLocale : 'da');
  const other = chosen && chosen.locale !== view.locale ? chosen.locale : undefined;
  return (
    <Layout view={view} title={t('privacy.title')}>
      <PageHeader title={t('privacy.title')} lead={t('privacy.lead', { organisation: org.name })}>
        {canEdit ? (
          <a href="/admin/organisation#privacy" class="button button-secondary" safe>
            {t('privacy.edit')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      {other ? (
        <div class="flash flash-info" role="note">
          <p safe>{t('privacy.fallback', { language: t(privacyLanguageLabel[other]) })}</p>
        </div>
      ) : (
        ''
      )}
      {canEdit && !chosen ? (
        <p class="muted" safe>
          {t('privacy.builtin_note')}
        </p>
      ) : (
        ''
      )}
      <article class="card privacy-notice" lang={other}>
        <Markdown text={chosen ? chosen.text : builtinNotice(view, org)} />
      </article>
    </Layout>
  );
}
