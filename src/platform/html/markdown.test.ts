import { describe, expect, it } from 'vitest';
import { isAllowedHref, Markdown, markdownToText, renderMarkdown } from './markdown.js';

/** Every `<tag` the HTML contains, lower-cased, so an assertion can say which elements exist at all. */
const tags = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1].toLowerCase());
/** Every attribute name in the HTML's tags. */
const attributes = (html: string) => [...html.matchAll(/<[a-z][^>]*>/gi)].flatMap((m) => [...m[0].matchAll(/\s([a-z-]+)=/gi)].map((a) => a[1].toLowerCase()));

describe('renderMarkdown neutralises what could run', () => {
  it('shows a <script> as text and creates no script element', () => {
    const html = renderMarkdown('Før\n\n<script>alert("xss")</script>\n\nEfter');
    expect(tags(html)).not.toContain('script');
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
  });

  it('shows an <img onerror> as text: no img element, no event handler attribute', () => {
    const html = renderMarkdown('Billede: <img src=x onerror="alert(1)"> og <svg onload=alert(1)>');
    expect(tags(html)).toEqual(['p']);
    expect(attributes(html)).toEqual([]);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('leaves javascript:, data:, vbscript: and scheme-relative links as plain text', () => {
    for (const link of [
      '[klik](javascript:alert(1))',
      '[klik](JAVASCRIPT:alert(1))',
      '[klik](java\tscript:alert(1))',
      '[klik](&#106;avascript:alert(1))',
      '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[klik](vbscript:msgbox(1))',
      '[klik](file:///etc/passwd)',
      '[klik](//evil.example)',
      '<javascript:alert(1)>',
    ]) {
      const html = renderMarkdown(link);
      expect(tags(html), link).not.toContain('a');
      expect(html.toLowerCase(), link).not.toContain('href');
    }
    // A reference-style link is checked the same way.
    expect(tags(renderMarkdown('[klik][x]\n\n[x]: javascript:alert(1)'))).not.toContain('a');
  });

  it('renders raw HTML blocks and inline tags as their text, never as elements', () => {
    const html = renderMarkdown('<div onclick="x()">\n<iframe src="https://evil.example"></iframe>\n</div>\n\nTekst med <b>fed</b> og <a href="javascript:x">link</a>.');
    // Only paragraphs, and the bare address in the text linkified like any other: no div, iframe or b.
    expect(new Set(tags(html))).toEqual(new Set(['p', 'a']));
    expect(attributes(html).filter((a) => a !== 'href' && a !== 'rel')).toEqual([]);
    expect(html).toContain('&lt;iframe src=&quot;<a href="https://evil.example" rel="noopener noreferrer">https://evil.example</a>&quot;&gt;&lt;/iframe&gt;');
    expect(html).toContain('&lt;b&gt;fed&lt;/b&gt;');
  });

  it('does not load images (a remote image is a tracking pixel); the address stays a plain link', () => {
    const html = renderMarkdown('![logo](https://tracker.example/p.gif)');
    expect(tags(html)).not.toContain('img');
    expect(html).toContain('href="https://tracker.example/p.gif"');
  });

  it('escapes quotes in link addresses, so an attribute cannot be broken out of', () => {
    const html = renderMarkdown('[x](https://example.org/"onmouseover="alert(1))');
    expect(attributes(html).filter((a) => a.startsWith('on'))).toEqual([]);
  });
});

describe('renderMarkdown renders what staff write', () => {
  it('renders headings, lists, emphasis, code and paragraphs', () => {
    const html = renderMarkdown('# Program\n\n## Formiddag\n\nVi mødes **kl. 9** og *spiser* sammen.\n\n- Velkomst\n- Oplæg\n\n1. Første\n2. Anden\n\n`kode`');
    expect(html).toContain('<h1>Program</h1>');
    expect(html).toContain('<h2>Formiddag</h2>');
    expect(html).toContain('<strong>kl. 9</strong>');
    expect(html).toContain('<em>spiser</em>');
    expect(html).toContain('<ul>\n<li>Velkomst</li>\n<li>Oplæg</li>\n</ul>');
    expect(html).toContain('<ol>\n<li>Første</li>\n<li>Anden</li>\n</ol>');
    expect(html).toContain('<code>kode</code>');
  });

  it('keeps typography as typed (typographer off): straight quotes and --', () => {
    expect(renderMarkdown('"Velkommen" -- alle')).toBe('<p>&quot;Velkommen&quot; -- alle</p>\n');
  });

  it('links web, mail and phone addresses; external links get rel="noopener noreferrer"', () => {
    const html = renderMarkdown('[Program](https://example.org/program) [Skriv](mailto:kontor@example.org) [Ring](tel:+4512345678) [Meld dig ind](/join)');
    expect(html).toContain('<a href="https://example.org/program" rel="noopener noreferrer">Program</a>');
    expect(html).toContain('<a href="mailto:kontor@example.org">Skriv</a>');
    expect(html).toContain('<a href="tel:+4512345678">Ring</a>');
    expect(html).toContain('<a href="/join">Meld dig ind</a>');
  });

  it('turns bare web and mail addresses into links (linkify)', () => {
    const html = renderMarkdown('Læs https://example.org/a?b=1 eller skriv til kontor@example.org');
    expect(html).toContain('<a href="https://example.org/a?b=1" rel="noopener noreferrer">https://example.org/a?b=1</a>');
    expect(html).toContain('<a href="mailto:kontor@example.org">kontor@example.org</a>');
  });

  it('wraps the HTML in a block for pages', () => {
    expect(Markdown({ text: '**Hej**' })).toBe('<div class="markdown"><p><strong>Hej</strong></p>\n</div>');
  });
});

describe('isAllowedHref', () => {
  it('allows only web, mail, phone and same-site paths', () => {
    for (const ok of ['https://example.org', 'http://example.org/x', 'mailto:a@example.org', 'tel:+4512345678', '/events/x']) expect(isAllowedHref(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://example.org', '//evil.example', '/\\evil.example', 'example.org', '']) expect(isAllowedHref(bad), bad).toBe(false);
  });
});

describe('markdownToText', () => {
  it('gives readable text without markup: paragraphs, lists, links with their addresses', () => {
    const text = markdownToText(
      '# Generalforsamling\n\nVelkommen til **årets** møde.\nSe [programmet](https://example.org/p) og [tilmelding](/events/gf).\n\n- Kaffe\n- Oplæg\n  - spørgsmål\n\n1. Valg\n2. Beretning\n\nSkriv til kontor@example.org',
      { baseUrl: 'https://forening.example/' },
    );
    expect(text).toBe(
      [
        'Generalforsamling',
        '',
        'Velkommen til årets møde.',
        'Se programmet (https://example.org/p) og tilmelding (https://forening.example/events/gf).',
        '',
        '- Kaffe',
        '- Oplæg',
        '  - spørgsmål',
        '',
        '1. Valg',
        '2. Beretning',
        '',
        'Skriv til kontor@example.org',
      ].join('\n'),
    );
  });

  it('keeps HTML as the literal text it was typed as, and drops refused links to their text', () => {
    expect(markdownToText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(markdownToText('[klik](javascript:alert(1))')).toBe('[klik](javascript:alert(1))');
    expect(markdownToText('Ring [på](tel:+4512345678)')).toBe('Ring på (+4512345678)');
  });

  it('is empty for an empty description', () => {
    expect(markdownToText('')).toBe('');
    expect(markdownToText('   \n\n ')).toBe('');
  });
});
