
import { describe, expect, it } from 'vitest';
import { excerptLines, findExcerptMismatch, isElision, isFileNameComment } from '../../../../harness/docs/checks/excerpt.ts';

describe('excerpts', () => {
  const source = 'import x\n\nSTORE = "s"\nKEY = "k"\n\ndef main():\n    v = get(STORE,   KEY)\n    print(v)\n';
  it('drops blank lines, elision markers and a leading file-name comment', () => {
    expect(excerptLines('# app.py\nSTORE = "s"\n\n# ...\n  print(v)').map((l) => l.text)).toEqual(['STORE = "s"', 'print(v)']);
    expect(isElision('// …')).toBe(true);
    expect(isElision('/* ... */')).toBe(true);
    expect(isElision('# more code')).toBe(false);
    expect(isFileNameComment('// OrderProcessor.java')).toBe(true);
    expect(isFileNameComment('// read the secret')).toBe(false);
  });
  it('matches lines in order, ignoring indentation and runs of spaces', () => {
    expect(findExcerptMismatch('STORE = "s"\n        v = get(STORE, KEY)\nprint(v)', source)).toBeUndefined();
  });
  it('reports the first line that is missing, and lines out of order', () => {
    expect(findExcerptMismatch('STORE = "s"\nKEY = "other"', source)).toMatchObject({ line: { index: 1, text: 'KEY = "other"' }, after: 3 });
    expect(findExcerptMismatch('KEY = "k"\nSTORE = "s"', source)).toMatchObject({ line: { text: 'STORE = "s"' }, after: 4, earlierAt: 3 });
  });
});
