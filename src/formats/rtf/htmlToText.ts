// A small HTML-to-text conversion for deriving PR_BODY from an HTML body. [MS-OXCMSG]
// 3.2.4.1: "The semantics for converting from one body format to another are
// implementation-dependent." The choices follow what Outlook writes where the samples show
// it: one line per block, <br> as CRLF, &nbsp; as a space, links as "text <url> ".

const entities: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '\u00a9', reg: '\u00ae',
  trade: '\u2122', euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2', sect: '\u00a7',
  deg: '\u00b0', plusmn: '\u00b1', times: '\u00d7', divide: '\u00f7', middot: '\u00b7',
  bull: '\u2022', hellip: '\u2026', ndash: '\u2013', mdash: '\u2014', lsquo: '\u2018',
  rsquo: '\u2019', sbquo: '\u201a', ldquo: '\u201c', rdquo: '\u201d', bdquo: '\u201e',
  laquo: '\u00ab', raquo: '\u00bb', shy: '', iexcl: '\u00a1', iquest: '\u00bf', para: '\u00b6',
  micro: '\u00b5', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be', sup2: '\u00b2',
  sup3: '\u00b3', ordf: '\u00aa', ordm: '\u00ba', szlig: '\u00df', zwnj: '\u200c', zwj: '\u200d',
  lrm: '\u200e', rlm: '\u200f', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
};
// Latin-1 letters by name (&eacute; ...): the entity names of HTML 4 for U+00C0–U+00FF.
const latin1Names = [
  'Agrave', 'Aacute', 'Acirc', 'Atilde', 'Auml', 'Aring', 'AElig', 'Ccedil', 'Egrave', 'Eacute',
  'Ecirc', 'Euml', 'Igrave', 'Iacute', 'Icirc', 'Iuml', 'ETH', 'Ntilde', 'Ograve', 'Oacute',
  'Ocirc', 'Otilde', 'Ouml', '', 'Oslash', 'Ugrave', 'Uacute', 'Ucirc', 'Uuml', 'Yacute', 'THORN',
];

/** The character an HTML character reference stands for, or undefined when unknown. */
export function decodeHtmlEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) return undefined;
    return String.fromCodePoint(code);
  }
  const known = entities[name];
  if (known !== undefined) return known;
  const upper = latin1Names.indexOf(name);
  if (upper >= 0 && name !== '') return String.fromCharCode(0xc0 + upper);
  const lower = latin1Names.findIndex((n) => n !== '' && n.toLowerCase() === name && n !== name);
  if (lower >= 0) return String.fromCharCode(0xe0 + lower);
  if (name === 'yuml') return '\u00ff';
  return undefined;
}

/** Replaces character references (`&amp;`, `&#233;`, `&#xE9;`) in HTML text. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (all, name: string) => decodeHtmlEntity(name) ?? all);
}

const blockElements = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'tr', 'blockquote',
  'pre', 'hr', 'address', 'center', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer',
  'form', 'fieldset', 'nav', 'aside', 'main', 'figure', 'figcaption', 'caption', 'body',
]);
/** Elements whose content is not text. */
const hiddenElements = new Set(['head', 'style', 'script', 'title', 'xml', 'template', 'noscript', 'object']);

/**
 * The plain text of an HTML body, for PR_BODY: the text of the document's body with
 * whitespace collapsed (except in `<pre>`), a CRLF after each block element and for each
 * `<br>`, a TAB after each table cell, `* ` before list items, character references decoded
 * (`&nbsp;` as a space that is not collapsed, as Outlook does), and a link whose text is not its URL written as
 * `text <url> ` (Outlook's form). Head, style, script and comments are dropped.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let lineStart = true;
  let pendingSpace = false;
  let hidden = 0;
  let pre = 0;
  const links: { href: string; start: number }[] = [];
  const emit = (s: string) => {
    if (s === '') return;
    if (pendingSpace && !lineStart) out.push(' ');
    pendingSpace = false;
    // A no-break space survives whitespace collapsing but is written as a space (Outlook's PR_BODY).
    out.push(s.replace(/\u00a0/g, ' '));
    lineStart = s.endsWith('\n');
  };
  const newline = (force = false) => {
    pendingSpace = false;
    if (!lineStart || force) {
      out.push('\r\n');
      lineStart = true;
    }
  };
  const text = (raw: string) => {
    if (hidden > 0) return;
    const decoded = decodeHtmlEntities(raw);
    if (pre > 0) {
      const lines = decoded.split(/\r\n|\r|\n/);
      lines.forEach((line, i) => {
        if (i > 0) newline(true);
        if (line !== '') emit(line);
      });
      return;
    }
    const words = decoded.split(/[ \t\r\n\f]+/);
    words.forEach((word, i) => {
      if (i > 0) pendingSpace = true;
      if (word !== '') emit(word);
    });
  };

  const tagPattern = /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>?/g;
  let last = 0;
  for (let m = tagPattern.exec(html); m !== null; m = tagPattern.exec(html)) {
    text(html.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (name === undefined) continue; // comment, doctype, processing instruction
    const closing = m[1] === '/';
    const selfClosing = /\/\s*$/.test(m[3] ?? '');
    if (hiddenElements.has(name)) {
      if (!selfClosing) hidden = Math.max(0, hidden + (closing ? -1 : 1));
      continue;
    }
    if (hidden > 0) continue;
    if (name === 'br') {
      newline(true);
    } else if (name === 'td' || name === 'th') {
      if (closing) {
        pendingSpace = false;
        out.push('\t');
        lineStart = false;
      }
    } else if (name === 'li' && !closing) {
      newline();
      emit('*');
      pendingSpace = true;
    } else if (name === 'pre') {
      newline();
      pre = Math.max(0, pre + (closing ? -1 : 1));
    } else if (name === 'a') {
      if (!closing) {
        const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[3] ?? '');
        links.push({ href: decodeHtmlEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? ''), start: out.length });
      } else {
        const link = links.pop();
        if (link && link.href !== '' && !link.href.startsWith('#') && !/^javascript:/i.test(link.href)) {
          const shown = out.slice(link.start).join('').trim();
          if (shown !== link.href) {
            out.push(lineStart ? `<${link.href}> ` : ` <${link.href}> `);
            lineStart = false;
            pendingSpace = false;
          }
        }
      }
    } else if (blockElements.has(name)) {
      newline();
    }
  }
  text(html.slice(last));
  newline();
  return out.join('');
}
