// Each secret-map parser on its own: what it reads and where it stops. parse-secret-formats.test.ts
// goes through parseSecretOutput, where an earlier format can read a body first; here each
// parser answers for itself, so a rule no other format covers is pinned too.
import { describe, expect, it } from 'vitest';
import {
  parseDotnetPairs, parseGoMap, parseGoStruct, parseJavaMap, parseJson, parseNodeInspect,
  parsePythonDict, parsePythonMappingProxy, type SecretMap,
} from '../../../harness/parity/secret-formats.ts';

const PARSERS: Record<string, (body: string) => SecretMap | undefined> = {
  json: parseJson, python: parsePythonDict, mappingproxy: parsePythonMappingProxy, node: parseNodeInspect,
  dotnet: parseDotnetPairs, java: parseJavaMap, goMap: parseGoMap, goStruct: parseGoStruct,
};

describe('what each parser reads', () => {
  it.each<[string, string, SecretMap]>([
    // JSON
    ['json', '{"a":"1"}', { a: '1' }],
    // Python repr: escapes, including the code-point ones, and the empty dict
    ['python', '{}', {}],
    ['python', "{'a': '\\r\\b\\f\\v\\0'}", { a: '\r\b\f\v\0' }],
    ['python', "{'a': 'x\\x41y'}", { a: 'xAy' }],
    ['python', "{'a': 'x\\u00e9y'}", { a: 'xéy' }],
    ['python', "{'a': 'x\\U0001F600y'}", { a: 'x\u{1F600}y' }],
    ['python', "{'a': '\\U0010ffff'}", { a: '\u{10FFFF}' }],
    // Node util.inspect: bare keys, a class name first, a braced code point
    ['node', "{ a: 'x\\u{41}y' }", { a: 'xAy' }],
    ['node', "{ a: 'x\\u{1F600}y', b: '\\x41' }", { a: 'x\u{1F600}y', b: 'A' }],
    ['node', "Secret { secret: 'x' }", { secret: 'x' }],
    ['node', "{ $a_1: 'x', 'b-c': `y` }", { $a_1: 'x', 'b-c': 'y' }],
    ['node', '{}', {}],
    // Python's mappingproxy
    ['mappingproxy', "mappingproxy({'a': '1'})", { a: '1' }],
    // .NET pairs: a trailing ", " ends the list
    ['dotnet', '[a, 1], ', { a: '1' }],
    // Java Map: a key may be longer than one letter
    ['java', '{a=1, bc=2}', { a: '1', bc: '2' }],
    // Go %v map: keys in order; a token that does not start a later key belongs to the value
    ['goMap', 'map[]', {}],
    ['goMap', 'map[a:1 b:2]', { a: '1', b: '2' }],
    ['goMap', 'map[a:1 a:2]', { a: '1 a:2' }],
    ['goMap', 'map[b:1 a:2]', { b: '1 a:2' }],
    ['goMap', 'map[a:1 :b:c]', { a: '1 :b:c' }],
    ['goMap', 'map[a:x\ty]', { a: 'x\ty' }],
    // Go %+v struct
    ['goStruct', '{Secret:x DbPassword:y z}', { secret: 'x', dbPassword: 'y z' }],
  ])('%s reads %j', (parser, body, map) => {
    expect(PARSERS[parser]!(body)).toEqual(map);
  });
});

describe('what each parser refuses', () => {
  it.each<[string, string]>([
    // JSON: an object of strings, nothing else
    ['json', '42'],
    ['json', '"s"'],
    ['json', 'null'],
    ['json', '["a"]'],
    // Python repr: quoted keys and values, a comma between entries, nothing around the braces
    ['python', " {'a': '1'}"],
    ["python", "{'a': '1', b: '2'}"],
    ['python', "{'a': 1, 'b': 1}"],
    ['python', "{'a': }"],
    ['python', "{'a': '1'; 'b': '2'}"],
    ['python', "{'a': '1'"],
    ['python', "{'a: '1'}"],
    ['python', "{'a': 'x\\"],
    // code-point escapes whose digits are not hex, too few, or past U+10FFFF
    ['python', "{'a': '\\xZZ'}"],
    ['python', "{'a': '\\x4'}"],
    ['python', "{'a': '\\u00'}"],
    ['python', "{'a': '\\U00110000'}"],
    ['python', "{'a': '\\xZ41'}"],
    ['python', "{'a': '\\uZ0041'}"],
    ['python', "{'a': '\\UZ0001F600'}"],
    ['node', "{ a: '\\uZ{41}' }"],
    ['node', "{ a: '\\u{41' }"],
    ['node', "{ a: '\\u{}' }"],
    ['node', "{ a: '\\u{110000}' }"],
    // Node: a key, an identifier or quoted, before every colon; a class name, not any text, first
    ['node', "{ : 'x' }"],
    ['node', "1 { a: '1' }"],
    ['node', "{ a: '1' }x"],
    ['node', '{}x'],
    // mappingproxy(…) is the whole body
    ['mappingproxy', "xmappingproxy({'a': '1'})"],
    ['mappingproxy', "mappingproxy({'a': '1'})x"],
    // Go %v map and %+v struct are the whole body; a map's first token opens an entry
    ['goMap', "xmap[a:1]"],
    ['goMap', 'map[a:1]x'],
    ['goMap', 'map[x a:1]'],
    ['goStruct', 'x{A:1}'],
    ['goStruct', '{A:1}x'],
    ['goStruct', '{a:1}'],
    // Java Map: the braces are the whole body
    ['java', 'x{a=1}'],
    // .NET: pairs only
    ['dotnet', '[a, 1]x'],
    ['dotnet', ''],
  ])('%s refuses %j', (parser, body) => {
    expect(PARSERS[parser]!(body)).toBeUndefined();
  });
});
