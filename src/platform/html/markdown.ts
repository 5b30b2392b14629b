import MarkdownIt from 'markdown-it';

/**
 * Markdown written by staff (event descriptions and the like), rendered for pages and flattened to
 * text for mails and calendars.
 *
 * Safety comes from markdown-it's own escaping, not from a sanitiser afterwards: raw HTML is off (a
 * `<script>` or `<img onerror>` comes out as visible text), links pass an allow-list of schemes, and
 * images are off altogether (the CSP would block remote images anyway, and a remote image in a
 * description is a tracking pixel).
 *
 * How a page inserts the result: `<Markdown text={event.description} />` (below), or, inside a
 * template that needs the string, `{renderMarkdown(text) as 'safe'}` — the cast tells the kitajs XSS
 * check that this string is HTML made safe here. Never put the raw description in without one of them.
 */

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.disable('image');

/**
 * Links may go to the web, to a mail address or a phone number, or to a path on this site. Anything
 * else (`javascript:`, `data:`, `vbscript:`, `file:`, scheme-relative `//host` or `/\host`, which
 * browsers read as another host) is left as plain text. markdown-it hands this the normalised,
 * percent-encoded href, so whitespace or control characters cannot hide a scheme.
 */
export function isAllowedHref(href: string): boolean {
  return /^(https?:\/\/|mailto:|tel:)/i.test(href) || /^\/(?![/\\])/.test(href);
}

md.validateLink = isAllowedHref;

const isExternal = (href: string) => /^https?:\/\//i.test(href);

// External pages opened from ours get neither a handle on our window nor our address as referrer.
const renderLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx].attrGet('href') ?? '');
  if (isExternal(href)) tokens[idx].attrSet('rel', 'noopener noreferrer');
  return renderLinkOpen(tokens, idx, options, env, self);
};

/** Safe HTML for Markdown text: see the module comment for how a page inserts it. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** A block of rendered Markdown, for kitajs pages: `<Markdown text={event.description} />`. */
export function Markdown({ text, class: className = 'markdown' }: { text: string; class?: string }): JSX.Element {
  return `<div class="${className.replace(/[^\w -]/g, '')}">${renderMarkdown(text)}</div>`;
}

type Token = ReturnType<typeof md.parse>[number];

/** The inline content of a paragraph, heading or cell as text; a link keeps its address in brackets. */
function inlineText(children: Token[] | null, baseUrl: string): string {
  let out = '';
  let link: { href: string; start: number } | null = null;
  for (const child of children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        out += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'link_open': {
        // A path on this site means nothing in a mail or a calendar: it gets the site's address.
        const href = String(child.attrGet('href') ?? '');
        link = { href: href.startsWith('/') && baseUrl ? baseUrl.replace(/\/+$/, '') + href : href, start: out.length };
        break;
      }
      case 'link_close':
        if (link) {
          const label = out.slice(link.start);
          const shown = link.href.replace(/^(mailto|tel):/i, '');
          // A bare address (linkified, or written as its own label) is not repeated.
          if (label !== link.href && label !== shown) out += ` (${shown})`;
        }
        link = null;
        break;
    }
  }
  return out;
}

/**
 * Markdown as plain text for mail bodies and calendar descriptions: paragraphs separated by blank
 * lines, list items as `- ` or `1. `, links as `text (address)`, no markup characters left over.
 * Raw HTML stays the literal text it was written as (it is not markup here either). Links to a path
 * on this site are made absolute with `baseUrl` (PUBLIC_URL).
 */
export function markdownToText(text: string, opts: { baseUrl?: string } = {}): string {
  const tokens = md.parse(text, {});
  const lines: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let itemPrefix: string | null = null;
  let row: string[] | null = null;

  // Continuation lines of a list item line up under its text.
  const indent = () => '  '.repeat(lists.length);
  const push = (block: string) => {
    const blockLines = block.split('\n');
    const first = itemPrefix ?? (lists.length ? indent() : '');
    const rest = lists.length ? indent() : '';
    itemPrefix = null;
    blockLines.forEach((l, i) => lines.push((i === 0 ? first : rest) + l));
  };
  const blank = () => {
    if (lists.length === 0 && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  };

  for (const tok of tokens) {
    switch (tok.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, n: 0 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, n: Number(tok.attrGet('start') ?? 1) - 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        blank();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        list.n++;
        itemPrefix = '  '.repeat(lists.length - 1) + (list.ordered ? `${list.n}. ` : '- ');
        break;
      }
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (row) push(row.join(' | '));
        row = null;
        break;
      case 'table_close':
        blank();
        break;
      case 'inline': {
        const content = inlineText(tok.children, opts.baseUrl ?? '');
        if (row) row.push(content);
        else push(content);
        break;
      }
      case 'fence':
      case 'code_block':
        push(tok.content.replace(/\n$/, ''));
        blank();
        break;
      case 'hr':
        push('—');
        blank();
        break;
      case 'paragraph_close':
      case 'heading_close':
        blank();
        break;
    }
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
