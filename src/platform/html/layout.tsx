import type { PropsWithChildren } from '@kitajs/html';
import { locales } from '../i18n/i18n.js';
import { Csrf, FlashMessage } from './components.js';
import { navItemsFor } from './nav.js';
import type { View } from './view.js';

const languageNames = { da: 'Dansk', sv: 'Svenska', en: 'English' } as const;

function isCurrent(path: string, href: string): boolean {
  const bare = path.split('?')[0];
  return href === '/' ? bare === '/' : bare === href || bare.startsWith(href + '/');
}

/**
 * A logged-in person's choice is saved on them, so it is a form with a CSRF token; for everyone else
 * it only sets a cookie, so plain links do, and the page needs no token at all.
 */
function LanguageSwitcher({ view }: { view: View }): JSX.Element {
  const label = view.t('layout.language');
  if (view.actor.kind === 'person') {
    return (
      <form method="post" action="/language" class="language-switcher" aria-label={label}>
        <Csrf view={view} />
        <input type="hidden" name="next" value={view.path} />
        {locales.map((l) => (
          <button type="submit" name="locale" value={l} lang={l} aria-pressed={l === view.locale ? 'true' : 'false'} class="lang-button">
            {languageNames[l]}
          </button>
        ))}
      </form>
    );
  }
  return (
    <nav class="language-switcher" aria-label={label}>
      {locales.map((l) => (
        <a href={`/language?locale=${l}&next=${encodeURIComponent(view.path)}`} lang={l} hreflang={l} class="lang-button" aria-current={l === view.locale ? 'true' : undefined}>
          {languageNames[l]}
        </a>
      ))}
    </nav>
  );
}

/**
 * `feeds`: Atom/RSS feeds of the page, announced in the head so readers and browsers find them.
 * Every page has the one width of `.container` (app.css); what reads better narrower sets its own measure inside.
 */
export function Layout({ view, title, children, feeds }: PropsWithChildren<{ view: View; title: string; feeds?: { href: string; type: string; title: string }[] }>): JSX.Element {
  const { t, org, actor } = view;
  const navItems = navItemsFor(actor);
  // One current entry: on /admin/applications that is "Applications", not also "Administration".
  const currentHref = navItems
    .filter((i) => isCurrent(view.path, i.href))
    .map((i) => i.href)
    .sort((a, b) => b.length - a.length)[0];
  const fullTitle = title === org.name ? org.name : `${title} · ${org.name}`;
  return (
    <>
      {'<!doctype html>'}
      <html lang={view.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{fullTitle}</title>
          <link rel="stylesheet" href="/public/app.css" />
          <link rel="stylesheet" href={`/theme.css?v=${org.version}`} />
          <link rel="icon" href={org.hasLogo ? `/logo?v=${org.version}` : '/public/favicon.svg'} />
          {(feeds ?? []).map((f) => <link rel="alternate" type={f.type} href={f.href} title={f.title} />)}
          {/* htmx would otherwise inject its indicator styles inline, which the CSP (style-src 'self') blocks; they live in app.css. */}
          <meta name="htmx-config" content={JSON.stringify({ includeIndicatorStyles: false })} />
          <script src="/public/htmx.min.js" defer></script>
        </head>
        <body hx-headers={actor.kind === 'person' ? JSON.stringify({ 'x-csrf-token': view.csrfToken }) : undefined}>
          <a class="skip-link" href="#main" safe>
            {t('layout.skip_to_content')}
          </a>
          <header class="site-header">
            <div class="header-inner">
              <a class="brand" href="/">
                {org.hasLogo ? <img src={`/logo?v=${org.version}`} alt="" class="brand-logo" /> : <span class="brand-mark" aria-hidden="true" safe>{org.shortName.slice(0, 3)}</span>}
                <span class="brand-name" safe>
                  {org.name}
                </span>
              </a>
              {/*
                * On a phone the menu and the tools fold into a disclosure, which opens without JavaScript;
                * above the breakpoint the CSS hides its button and always shows what it holds.
                */}
              <details class="site-menu">
                <summary class="site-menu-button">
                  <span class="site-menu-icon" aria-hidden="true"></span>
                  <span class="site-menu-label" safe>{t('layout.menu')}</span>
                </summary>
                <nav class="main-nav" aria-label={t('layout.main_navigation')}>
                  <ul>
                    {navItems.map((item) => (
                      <li>
                        <a href={item.href} aria-current={item.href === currentHref ? 'page' : undefined} safe>
                          {t(item.labelKey)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
                <div class="header-tools">
                  <LanguageSwitcher view={view} />
                  {actor.kind === 'person' ? (
                    <div class="account-tools">
                      <a href="/account" class="account-link" aria-current={isCurrent(view.path, '/account') ? 'page' : undefined} safe>
                        {`${actor.firstName} ${actor.lastName}`}
                      </a>
                      <form method="post" action="/logout">
                        <Csrf view={view} />
                        <button type="submit" class="button button-small button-secondary" safe>
                          {t('auth.logout')}
                        </button>
                      </form>
                    </div>
                  ) : (
                    <a href="/login" class="button button-small" safe>
                      {t('auth.login')}
                    </a>
                  )}
                </div>
              </details>
            </div>
          </header>
          <main id="main" class="container" tabindex="-1">
            <FlashMessage flash={view.flash} />
            {children}
          </main>
          <footer class="site-footer">
            <div class="container footer-inner">
              <div>
                <p class="footer-name" safe>
                  {org.name}
                </p>
                {org.address ? <p safe>{org.address}</p> : ''}
              </div>
              <ul class="footer-contact">
                {org.phone ? (
                  <li>
                    <a href={`tel:${org.phone.replace(/\s+/g, '')}`} safe>
                      {org.phone}
                    </a>
                  </li>
                ) : (
                  ''
                )}
                {org.email ? (
                  <li>
                    <a href={`mailto:${org.email}`} safe>
                      {org.email}
                    </a>
                  </li>
                ) : (
                  ''
                )}
                <li>
                  <a href="/privacy" aria-current={isCurrent(view.path, '/privacy') ? 'page' : undefined} safe>
                    {t('layout.privacy')}
                  </a>
                </li>
                <li>
                  <a href="/press" safe>
                    {t('press.nav')}
                  </a>
                </li>
                <li>
                  <a href="/api/docs" safe>
                    {t('layout.api')}
                  </a>
                </li>
              </ul>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

/** A page that only says something went wrong or is missing, in the reader's language. */
export function ErrorPage({ view, status, title, text }: { view: View; status: number; title: string; text: string }): JSX.Element {
  return (
    <Layout view={view} title={title}>
      <div class="error-page">
        <p class="error-status" safe>{String(status)}</p>
        <h1 safe>{title}</h1>
        <p safe>{text}</p>
        <p>
          <a href="/" class="button" safe>
            {view.t('error.back_home')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/**
 * A page of its own for paper, without the site's menu, footer or forms (a survey's report, the
 * board pack): what the browser prints is the page. The title gets the organisation's name.
 */
export function PrintLayout({ view, title, bodyClass, children }: PropsWithChildren<{ view: View; title: string; bodyClass: string }>): JSX.Element {
  const { org } = view;
  return (
    <>
      {'<!doctype html>'}
      <html lang={view.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${title} · ${org.name}`}</title>
          <link rel="stylesheet" href="/public/app.css" />
          <link rel="stylesheet" href={`/theme.css?v=${org.version}`} />
        </head>
        <body class={bodyClass}>
          <main id="main" class="container">
            {children}
          </main>
        </body>
      </html>
    </>
  );
}
