
import { describe, expect, it } from 'vitest';
import { diffValues, formatPath, parseWithPositions } from '../../../harness/docs/data-diff.ts';

describe('data diffs', () => {
  it('ignores key order and names the path of each difference', () => {
    expect(diffValues({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toEqual([]);
    const d = diffValues({ spec: { metadata: [{ value: 'x' }] }, extra: 1 }, { spec: { metadata: [{ value: 'y' }, { value: 'z' }] } });
    expect(d.map((x) => [formatPath(x.path), x.kind])).toEqual([['spec.metadata[0].value', 'changed'], ['spec.metadata[1]', 'missing'], ['extra', 'extra']]);
  });
  it('finds the line of a path in the block', () => {
    const [doc] = parseWithPositions('a: 1\nspec:\n  metadata:\n  - name: n\n    value: v\n');
    expect(doc!.lineOf(['spec', 'metadata', 0, 'value'])).toBe(4);
    expect(doc!.lineOf(['spec', 'missing'])).toBe(2);
  });
});
