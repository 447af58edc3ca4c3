// Data-block comparison, edge by edge: which differences count, how each is worded, and which
// page line each points at.
import { describe, expect, it } from 'vitest';
import { describeDifference, diffValues, formatPath, parseWithPositions, show, type Difference } from '../../../harness/docs/data-diff.ts';

describe('diffValues', () => {
  it.each([
    ['equal scalars', 1, 1, []],
    ['equal strings', 'a', 'a', []],
    ['NaN equals NaN', NaN, NaN, []],
    ['null equals null', null, null, []],
    ['a changed scalar', 1, 2, [{ path: [], kind: 'changed', page: 1, file: 2 }]],
    ['a number is not its string', 1, '1', [{ path: [], kind: 'changed', page: 1, file: '1' }]],
    ['a map is not a list', {}, [], [{ path: [], kind: 'changed', page: {}, file: [] }]],
    ['a list is not a map', [], {}, [{ path: [], kind: 'changed', page: [], file: {} }]],
    ['a list is not a scalar', [1], 1, [{ path: [], kind: 'changed', page: [1], file: 1 }]],
    ['null is not a map', null, {}, [{ path: [], kind: 'changed', page: null, file: {} }]],
    ['a list longer on the page', [1, 2, 3], [1], [{ path: [1], kind: 'extra', page: 2, file: undefined }, { path: [2], kind: 'extra', page: 3, file: undefined }]],
    ['a list longer in the file', [1], [1, 2], [{ path: [1], kind: 'missing', page: undefined, file: 2 }]],
    ['list order counts', [1, 2], [2, 1], [{ path: [0], kind: 'changed', page: 1, file: 2 }, { path: [1], kind: 'changed', page: 2, file: 1 }]],
    ['an extra key', { a: 1, b: 2 }, { a: 1 }, [{ path: ['b'], kind: 'extra', page: 2, file: undefined }]],
    ['a missing key', { a: 1 }, { a: 1, b: 2 }, [{ path: ['b'], kind: 'missing', page: undefined, file: 2 }]],
    ['a key holding undefined is still there', { a: undefined }, { a: undefined }, []],
    ['key order does not count', { a: 1, b: 2 }, { b: 2, a: 1 }, []],
    ['a nested change', { a: [{ b: 1 }] }, { a: [{ b: 2 }] }, [{ path: ['a', 0, 'b'], kind: 'changed', page: 1, file: 2 }]],
  ])('%s', (_name, page, file, want) => expect(diffValues(page, file)).toEqual(want));

  it('prefixes the paths with where it was asked to start', () => {
    expect(diffValues({ a: 1 }, { a: 2 }, ['root', 3])).toEqual([{ path: ['root', 3, 'a'], kind: 'changed', page: 1, file: 2 }]);
  });
});

describe('formatPath, show and describeDifference', () => {
  it.each([
    [[], '(the whole document)'],
    [['a'], 'a'],
    [['a', 'b'], 'a.b'],
    [[0], '[0]'],
    [[0, 'a'], '[0].a'],
    [['spec', 'metadata', 0, 'value'], 'spec.metadata[0].value'],
    [['a', 0, 1], 'a[0][1]'],
  ])('%j → %s', (p, want) => expect(formatPath(p)).toBe(want));

  it.each([
    [undefined, 'absent'],
    [null, 'null'],
    ['x', '"x"'],
    ['x'.repeat(58), `"${'x'.repeat(58)}"`],
    ['x'.repeat(59), `"${'x'.repeat(56)}…`],
  ])('show(%j) → %s', (v, want) => expect(show(v)).toBe(want));

  it.each([
    [{ path: ['a'], kind: 'extra', page: 1, file: undefined }, 'a is 1 on the page but absent from f.yaml'],
    [{ path: ['a'], kind: 'missing', page: undefined, file: 2 }, 'a (2 in f.yaml) is missing from the page'],
    [{ path: ['a'], kind: 'changed', page: 1, file: 2 }, 'a is 1 on the page but 2 in f.yaml'],
  ] as [Difference, string][])('%j', (d, want) => expect(describeDifference(d, 'f.yaml')).toBe(want));
});

describe('parseWithPositions', () => {
  it('reads each YAML document, and JSON as JSON', () => {
    expect(parseWithPositions('a: 1\n---\nb: 2\n').map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseWithPositions('{"a": 1}', { json: true }).map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(parseWithPositions('').map((d) => d.value)).toEqual([]);
  });

  it('throws the parser\'s first error', () => {
    expect(() => parseWithPositions('a: [1\nb: 2\n')).toThrow();
    // the plain message: the docs check adds its own page line, so no "at line …" of the block's
    expect(() => parseWithPositions('a: 1\nb: [1\n')).toThrow(/^Flow sequence in block collection must be sufficiently indented and end with a \]$/);
    expect(() => parseWithPositions('{"a": 1,}', { json: true })).toThrow(SyntaxError);
  });

  it('gives the 0-based line of a path, or of its nearest parent', () => {
    const [doc] = parseWithPositions('# comment\na: 1\nspec:\n  list:\n  - x\n  - y\n');
    expect(doc!.lineOf([])).toBe(1);
    expect(doc!.lineOf(['a'])).toBe(1);
    expect(doc!.lineOf(['spec', 'list', 1])).toBe(5);
    expect(doc!.lineOf(['spec', 'list', 9])).toBe(4);
    expect(doc!.lineOf(['nope', 'deeper'])).toBe(1);
  });

  it('counts lines from the block start in each document', () => {
    const docs = parseWithPositions('\n\n---\n# c\n---\nx: 1\n');
    expect(docs.map((d) => [d.value, d.lineOf(['x'])])).toEqual([[null, 2], [{ x: 1 }, 5]]);
  });
});
