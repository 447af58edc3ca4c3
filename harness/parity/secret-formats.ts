// One parser per way a language prints a map of strings, each returning the map or undefined
// when the text is not in its format. Pure. Where a format is ambiguous (it does not quote its
// values), the rule that settles it is written next to the parser and tested.
export type SecretMap = Record<string, string>;

/** JSON (JSON.stringify, every HTTP variant's response body). */
export function parseJson(body: string): SecretMap | undefined {
  try {
    const v: unknown = JSON.parse(body);
    // `null` is an object too: Object.values throws on it, and the catch answers undefined.
    if (typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => typeof x === 'string')) {
      return v as SecretMap;
    }
  } catch {
    // Not JSON, or JSON's null: another format may fit.
  }
  return undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** The hex digits each code-point escape takes: `\xHH`, `\uHHHH` or `\u{H…}`, `\UHHHHHHHH`. */
const HEX_ESCAPES: Record<string, RegExp> = { x: /^[\da-fA-F]{2}/, u: /^\{([\da-fA-F]+)\}|^[\da-fA-F]{4}/, U: /^[\da-fA-F]{8}/ };

/**
 * A `{key: 'value', …}` literal as Python's repr and Node's util.inspect write it: strings in
 * ' " (and ` for Node) with backslash escapes; Node leaves identifier keys bare and may break
 * the literal over several lines.
 */
function parseLiteralMap(body: string, quotes: string, bareKeys: boolean): SecretMap | undefined {
  let i = 0;
  // charAt is '' past the end, which is no white space.
  const ws = () => { while (/\s/.test(body.charAt(i))) i++; };
  // An unterminated string runs to the end of the body, where no `:` or separator follows it.
  const str = (): string | undefined => {
    const q = body[i];
    // Stryker disable next-line ConditionalExpression: equivalent, quotes.includes(undefined) looks for "undefined", in no quote list
    if (q === undefined || !quotes.includes(q)) return undefined;
    let v = '';
    // Stryker disable next-line EqualityOperator: equivalent, a string read one past the end is unterminated and refused as one
    for (i++; i < body.length && body[i] !== q; i++) {
      if (body[i] !== '\\') { v += body[i]; continue; }
      const c = body.charAt(++i);
      const hex = HEX_ESCAPES[c];
      if (!hex) { v += SIMPLE_ESCAPES[c] ?? c; continue; }
      // Digits that are not hex, too few, or past U+10FFFF: not a string either language prints.
      const m = hex.exec(body.slice(i + 1));
      const code = m ? parseInt(m[1] ?? m[0], 16) : NaN;
      if (!(code <= 0x10ffff)) return undefined;
      v += String.fromCodePoint(code);
      i += m![0].length;
    }
    i++;
    return v;
  };
  const key = (): string | undefined => {
    const m = bareKeys ? /^[A-Za-z_$][\w$]*/.exec(body.slice(i)) : null;
    if (!m) return str();
    i += m[0].length;
    return m[0];
  };
  ws();
  if (body[i++] !== '{') return undefined;
  const out: SecretMap = {};
  ws();
  if (body[i] === '}') i++;
  else {
    for (;;) {
      ws();
      const k = key();
      ws();
      if (k === undefined || body[i++] !== ':') return undefined;
      ws();
      const v = str();
      if (v === undefined) return undefined;
      out[k] = v;
      ws();
      const sep = body[i++];
      if (sep === '}') break;
      if (sep !== ',') return undefined;
    }
  }
  ws();
  return i === body.length ? out : undefined;
}

/** Python's repr / str() of a dict of str: `{'secret': 'x'}` (no space inside the brace). */
export function parsePythonDict(body: string): SecretMap | undefined {
  return /^\{(['"]|\})/.test(body) ? parseLiteralMap(body, `'"`, false) : undefined;
}

/** Python's str() of a read-only mapping: `mappingproxy({'secret': 'x'})`. */
export function parsePythonMappingProxy(body: string): SecretMap | undefined {
  const m = /^mappingproxy\(([\s\S]*)\)$/.exec(body);
  return m ? parsePythonDict(m[1]!) : undefined;
}

/**
 * Node's util.inspect / console.log of an object: `{ secret: 'x' }`, one line or several; an
 * instance of a class is printed with its name first (`Secret { secret: 'x' }`).
 */
export function parseNodeInspect(body: string): SecretMap | undefined {
  const m = /^(?:[A-Za-z_$][\w$]* )?(\{(\s[\s\S]*|\})$)/.exec(body);
  return m ? parseLiteralMap(m[1]!, `'"\``, true) : undefined;
}

/** .NET string.Join over a dictionary's KeyValuePairs: `[secret, x], [other, y]`. */
export function parseDotnetPairs(body: string): SecretMap | undefined {
  const pair = /\[([^,\]]*), ([^\]]*)\]/y;
  const out: SecretMap = {};
  let i = 0;
  while (i < body.length) {
    pair.lastIndex = i;
    const m = pair.exec(body);
    if (!m) return undefined;
    out[m[1]!] = m[2]!;
    i = pair.lastIndex;
    // Anything else after a pair fails the next pair's match.
    if (body.startsWith(', ', i)) i += 2;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Java's Map.toString: `{secret=x, other=y}`, nothing quoted. A key ends at its first `=`; an
 * entry ends at a `, ` followed by `key=` (so a value may hold `=` and `, `, but not `, a=b`).
 */
export function parseJavaMap(body: string): SecretMap | undefined {
  if (!/^\{[^=\s'"{}][^=]*=[\s\S]*\}$/.test(body)) return undefined;
  const parts = body.slice(1, -1).split(/, (?=[^=,\s][^=,]*=)/);
  const out: SecretMap = {};
  for (const part of parts) {
    // Every part holds a key and its `=`: the test above and the split's lookahead see to it.
    const eq = part.indexOf('=');
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/**
 * Go's `%v` of a map: `map[other:y secret:x]`, nothing quoted, keys sorted. A key ends at its
 * first `:`; an entry ends at a space followed by `key:` where that key sorts after the one
 * before (Go prints keys in order), so a value may hold spaces and colons but not ` b:c` with
 * `b` after its own key.
 */
export function parseGoMap(body: string): SecretMap | undefined {
  const m = /^map\[([\s\S]*)\]$/.exec(body);
  if (!m) return undefined;
  const out: SecretMap = {};
  if (m[1] === '') return out;
  let last: string | undefined;
  for (const token of m[1]!.split(' ')) {
    const kv = /^([^:\s]+):([\s\S]*)/.exec(token);
    if (kv && (last === undefined || kv[1]! > last)) {
      last = kv[1]!;
      out[last] = kv[2]!;
    } else if (last === undefined) return undefined;
    else out[last] += ` ${token}`;
  }
  return out;
}

/**
 * Go's `%+v` of a struct of strings: `{Secret:x Other:y}`. A field name maps to the key with its
 * first letter lower-cased (`Secret` → `secret`, `DbPassword` → `dbPassword`): Go must capitalize
 * an exported field, and that is how a struct mirrors a lower-case secret name. An entry ends at
 * a space followed by a capitalized name and `:`, so a value may hold spaces and colons but not ` Ab:`.
 */
export function parseGoStruct(body: string): SecretMap | undefined {
  const m = /^\{([A-Z]\w*:[\s\S]*)\}$/.exec(body);
  if (!m) return undefined;
  const out: SecretMap = {};
  for (const field of m[1]!.split(/ (?=[A-Z]\w*:)/)) {
    const colon = field.indexOf(':');
    out[field[0]!.toLowerCase() + field.slice(1, colon)] = field.slice(colon + 1);
  }
  return out;
}
