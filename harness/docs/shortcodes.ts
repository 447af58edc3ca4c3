// A small tokenizer for Hugo shortcodes (`{{< name args >}}`, `{{% name args %}}`, their closing
// `{{< /name >}}` forms and self-closing `{{< name />}}`). Pure. It is only ever handed the text
// of one markdown node (a paragraph, heading or HTML node), never the whole file, so a shortcode
// quoted inside a code block is never mistaken for a real one.

export type ShortcodeDelim = '<' | '%';

export interface ShortcodeToken {
  kind: 'open' | 'close' | 'self';
  delim: ShortcodeDelim;
  name: string;
  /** Positional arguments, unquoted (`{{< tabs "Python" ".NET" >}}` → ["Python", ".NET"]). */
  args: string[];
  /** Named arguments (`text="Explore"` → { text: "Explore" }). */
  params: Record<string, string>;
  /** Offset in the text handed to the tokenizer. */
  offset: number;
  end: number;
  raw: string;
}

export interface ShortcodeSyntaxError {
  offset: number;
  message: string;
}

export interface TokenizeResult {
  tokens: ShortcodeToken[];
  errors: ShortcodeSyntaxError[];
}

const NAME = /^[A-Za-z0-9_./-]+$/;

/** Splits the inside of a shortcode into words, honouring "double", `raw` and 'single' quotes. */
export function splitShortcodeArgs(inner: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let i = 0;
  while (i < inner.length) {
    const c = inner[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let word = '';
    while (i < inner.length && !/\s/.test(inner[i]!)) {
      const q = inner[i]!;
      if (q === '"' || q === '`' || q === "'") {
        // Inside "…" a backslash escapes the next character (Hugo's `\"`); `…` and '…' are raw.
        for (i++; i < inner.length && inner[i] !== q; i++) word += q === '"' && inner[i] === '\\' ? inner[++i] : inner[i];
        if (i >= inner.length) return { words, error: `unterminated ${q} quote` };
        i++;
      } else {
        word += q;
        i++;
      }
    }
    words.push(word);
  }
  return { words };
}

function parseInner(inner: string, delim: ShortcodeDelim): { token?: Omit<ShortcodeToken, 'offset' | 'end' | 'raw' | 'delim'>; error?: string } {
  let body = inner.trim();
  let kind: ShortcodeToken['kind'] = 'open';
  if (body.startsWith('/*') && body.endsWith('*/')) return {}; // `{{</* x */>}}`: an escaped, literal shortcode
  if (body.startsWith('/')) {
    kind = 'close';
    body = body.slice(1).trim();
  } else if (body.endsWith('/')) {
    kind = 'self';
    body = body.slice(0, -1).trim();
  }
  const split = splitShortcodeArgs(body);
  if (split.error) return { error: `${split.error} in {{${delim} ${inner.trim()} ${delim}}}` };
  const [name, ...rest] = split.words;
  if (!name) return { error: `shortcode {{${delim} ${delim}}} has no name` };
  if (!NAME.test(name)) return { error: `"${name}" is not a valid shortcode name` };
  if (kind === 'close' && rest.length) return { error: `closing shortcode {{${delim} /${name} ${delim}}} takes no arguments` };
  const args: string[] = [];
  const params: Record<string, string> = {};
  // Named parameters are name="value" words; splitShortcodeArgs has already unquoted the value.
  for (const w of rest) {
    const eq = w.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][\w-]*$/.test(w.slice(0, eq))) params[w.slice(0, eq)] = w.slice(eq + 1);
    else args.push(w);
  }
  return { token: { kind, name, args, params } };
}

/** Finds every shortcode in `text`. Malformed ones become errors, never exceptions. */
export function tokenizeShortcodes(text: string): TokenizeResult {
  const tokens: ShortcodeToken[] = [];
  const errors: ShortcodeSyntaxError[] = [];
  // Where each closing marker next occurs, searched again only once passed (searches start at
  // ever later offsets): a fresh search per "{{" rescanned the rest of the text for each unclosed
  // one, quadratic in their number.
  const found = new Map<string, number>();
  const after = (marker: string, from: number): number => {
    const known = found.get(marker);
    if (known !== undefined && (known < 0 || known >= from)) return known;
    const at = text.indexOf(marker, from);
    found.set(marker, at);
    return at;
  };
  let i = 0;
  for (;;) {
    const start = text.indexOf('{{', i);
    if (start < 0) break;
    const delim = text[start + 2];
    if (delim !== '<' && delim !== '%') {
      i = start + 2;
      continue;
    }
    const closer = `${delim === '<' ? '>' : '%'}}}`;
    const other = `${delim === '<' ? '%' : '>'}}}`;
    const end = after(closer, start + 3);
    const wrong = after(other, start + 3);
    const next = text.indexOf('{{', start + 3);
    if (end < 0 || (next >= 0 && next < end)) {
      if (wrong >= 0 && (next < 0 || wrong < next) && (end < 0 || wrong < end)) {
        errors.push({ offset: start, message: `shortcode opened with {{${delim} is closed with ${other}` });
        i = wrong + 3;
      } else {
        errors.push({ offset: start, message: `shortcode {{${delim} is never closed with ${closer}` });
        i = start + 3;
      }
      continue;
    }
    const inner = text.slice(start + 3, end);
    const parsed = parseInner(inner, delim);
    if (parsed.error) errors.push({ offset: start, message: parsed.error });
    else if (parsed.token) tokens.push({ ...parsed.token, delim, offset: start, end: end + 3, raw: text.slice(start, end + 3) });
    i = end + 3;
  }
  return { tokens, errors };
}
