// Parses the secret map out of a sample's output, whatever its language's idiom, into one
// canonical form ({key: value}), so every language can be compared with secrets.json. Pure.
// The parsers, one per format, are in secret-formats.ts:
//   JSON              {"secret":"YourPasskeyHere"}        (JavaScript SDK, every HTTP variant)
//   Python repr       {'secret': 'YourPasskeyHere'}       also mappingproxy({...})
//   Node util.inspect { secret: 'YourPasskeyHere' }       (console.log of an object; may span lines)
//   .NET pairs        [secret, YourPasskeyHere]            (string.Join over KeyValuePairs)
//   Go %+v struct     {Secret:YourPasskeyHere}             (field name → key, first letter lower-cased)
//   Java Map          {secret=YourPasskeyHere}
//   Go %v map         map[secret:YourPasskeyHere]
//   bare value        YourPasskeyHere                      (Go SDK prints the value alone)
import {
  parseDotnetPairs, parseGoMap, parseGoStruct, parseJavaMap, parseJson, parseNodeInspect,
  parsePythonDict, parsePythonMappingProxy, type SecretMap,
} from './secret-formats.ts';

export type SecretFormat =
  | 'json' | 'python-dict' | 'python-mappingproxy' | 'node-inspect' | 'dotnet-pairs'
  | 'go-struct' | 'java-map' | 'go-map' | 'bare-value';

export type ParsedSecret =
  | { ok: true; format: SecretFormat; map: Record<string, string> }
  | { ok: false; error: string };

// `s`: a secret may hold U+2028/U+2029 (JSON.stringify leaves them as they are); without it the line
// was not found, and each earlier "Fetched Secret:" on the line was rescanned to its end.
export const SECRET_LINE = /Fetched Secret:\s?(.*)/s;

/** Tried in this order; the first that reads the whole text wins. */
const FORMATS: [SecretFormat, (body: string) => SecretMap | undefined][] = [
  ['json', parseJson],
  ['python-dict', parsePythonDict],
  ['python-mappingproxy', parsePythonMappingProxy],
  ['node-inspect', parseNodeInspect],
  ['dotnet-pairs', parseDotnetPairs],
  ['go-struct', parseGoStruct],
  ['java-map', parseJavaMap],
  ['go-map', parseGoMap],
];

/**
 * Text that opens a map in some format, or an object a runtime printed with its type name first
 * (Node's `Map(1) { … }`, `Secret { … }`): never taken for a bare value.
 */
const MAP_OPENER = /^(\{|\[|map\[|mappingproxy\(|[A-Za-z_$][\w$]*(\(\d+\))? \{)/;

function parseBody(body: string): { format: SecretFormat; map: SecretMap } | undefined {
  for (const [format, parse] of FORMATS) {
    const map = parse(body);
    if (map) return { format, map };
  }
  return undefined;
}

/**
 * Finds the `Fetched Secret:` line in the app's output and parses what follows it. `key` is the
 * secret that was asked for: a bare value (Go SDK) means `{[key]: value}`. A map printed over
 * several lines (Node's util.inspect of a long object) is read up to the line that closes it.
 */
export function parseSecretOutput(output: string, key: string): ParsedSecret {
  const lines = output.split('\n');
  const at = lines.findIndex((l) => SECRET_LINE.test(l));
  if (at < 0) return { ok: false, error: 'no "Fetched Secret:" line in the output' };
  const line = lines[at]!;
  const body = SECRET_LINE.exec(line)![1]!.trim();
  if (!body) return { ok: false, error: '"Fetched Secret:" is followed by nothing' };
  if (!MAP_OPENER.test(body)) return { ok: true, format: 'bare-value', map: { [key]: body } };
  let text = body;
  for (let next = at + 1; ; next++) {
    const parsed = parseBody(text);
    if (parsed) return { ok: true, ...parsed };
    if (next >= lines.length || next > at + 200) break;
    // Stryker disable next-line MethodExpression: equivalent, the parsers skip white space at both ends of a line
    text += `\n${lines[next]!.trimEnd()}`;
  }
  return { ok: false, error: `cannot parse the secret map in the line "${line.trim().slice(0, 200)}"` };
}

/** The map a sample must print for `key`: secrets.json flattened with the store's separator. */
export function expectedSecret(secrets: unknown, key: string, separator = ':'): Record<string, string> | undefined {
  const flat: Record<string, string> = {};
  const walk = (v: unknown, prefix: string) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, prefix ? `${prefix}${separator}${k}` : k);
    } else flat[prefix] = String(v);
  };
  walk(secrets, '');
  return Object.hasOwn(flat, key) ? { [key]: flat[key]! } : undefined;
}

/** Same keys, same values; key order does not matter. */
export function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  // Values are strings, so a key missing from b (undefined, or an inherited non-string) differs.
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
