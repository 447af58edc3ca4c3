// The Hugo page parser and the shortcode tokenizer: structure, labels by position, line numbers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../harness/docs/parse.ts';
import { splitShortcodeArgs, tokenizeShortcodes } from '../../../harness/docs/shortcodes.ts';
import { codeLangToLanguage, labelToLanguage, mentionsHttp } from '../../../harness/docs/languages.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/docs');

describe('tokenizeShortcodes', () => {
  it('reads opening, closing and self-closing shortcodes with their arguments', () => {
    const { tokens, errors } = tokenizeShortcodes('{{< tabs "Python" ".NET" Go >}} x {{% codetab %}} {{% /codetab %}} {{< button text="a >> b" page="p.md" />}}');
    expect(errors).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.delim, t.name, t.args, t.params])).toEqual([
      ['open', '<', 'tabs', ['Python', '.NET', 'Go'], {}],
      ['open', '%', 'codetab', [], {}],
      ['close', '%', 'codetab', [], {}],
      ['self', '<', 'button', [], { text: 'a >> b', page: 'p.md' }],
    ]);
    expect(tokens[0]!.offset).toBe(0);
  });

  it('skips escaped shortcodes and reports malformed ones', () => {
    expect(tokenizeShortcodes('{{</* tabs */>}}').tokens).toEqual([]);
    expect(tokenizeShortcodes('{{< tabs "Go" ').errors[0]!.message).toContain('never closed');
    expect(tokenizeShortcodes('{{< codetab %}}').errors[0]!.message).toContain('closed with %}}');
    expect(tokenizeShortcodes('{{< tabs "Go >}}').errors[0]!.message).toContain('unterminated');
    expect(tokenizeShortcodes('{{<  >}}').errors[0]!.message).toContain('has no name');
  });

  it('splits arguments like Hugo: double, single and back quotes', () => {
    expect(splitShortcodeArgs(`tabs "A B" 'C' \`D E\` F`).words).toEqual(['tabs', 'A B', 'C', 'D E', 'F']);
  });
});

describe('labelToLanguage', () => {
  it.each([
    ['Python', 'python'], ['JavaScript', 'javascript'], ['Node.js', 'javascript'], ['.NET', 'csharp'],
    ['C#', 'csharp'], ['Java', 'java'], ['Go', 'go'], ['Python (HTTP)', 'python'], ['.NET SDK', 'csharp'],
  ])('%s → %s', (label, language) => expect(labelToLanguage(label)).toBe(language));
  it('gives undefined for labels that are no language', () => {
    expect(labelToLanguage('Rust')).toBeUndefined();
    expect(labelToLanguage('Linux')).toBeUndefined();
  });
  it('maps code info strings and spots HTTP', () => {
    expect(codeLangToLanguage('cs')).toBe('csharp');
    expect(codeLangToLanguage('bash')).toBeUndefined();
    expect(mentionsHttp('Run the HTTP variant')).toBe(true);
    expect(mentionsHttp('https links')).toBe(false);
  });
});

describe('parsePage', () => {
  const page = parsePage(readFileSync(path.join(FIXTURES, 'clean.md'), 'utf8'));

  it('reads the front matter', () => {
    expect(page.frontMatter).toEqual({ data: { type: 'docs', title: 'Fixture: a page with no drift' }, line: 1 });
  });

  it('maps each codetab to its label by position', () => {
    expect(page.groups).toHaveLength(1);
    expect(page.groups[0]!.labels).toEqual(['Python', 'JavaScript', 'Go']);
    expect(page.groups[0]!.tabs.map((t) => [t.label, t.line, t.blocks.length])).toEqual([
      ['Python', 10, 6], ['JavaScript', 63, 3], ['Go', 87, 3],
    ]);
  });

  it('gives every block its language, lines, heading and lead', () => {
    const b = page.blocks.map((x) => [x.lang, x.line, x.valueLine, x.heading?.text, x.tab?.label]);
    expect(b.slice(0, 6)).toEqual([
      ['bash', 14, 15, 'Install', 'Python'],
      ['bash', 21, 22, 'Run', 'Python'],
      ['python', 27, 28, 'Code', 'Python'],
      ['yaml', 36, 37, 'Code', 'Python'],
      ['json', 51, 52, 'Code', 'Python'],
      ['text', 57, 58, 'Output', 'Python'],
    ]);
    expect(page.blocks[3]!.lead).toBe('The component, from store.yaml:');
    expect(page.blocks.find((x) => x.tab?.label === 'JavaScript' && x.lang === '')!.heading?.text).toBe('Output');
  });

  it('ignores shortcodes inside code blocks and inline code', () => {
    const p = parsePage('```md\n{{< tabs "X" >}}\n```\n\nText `{{< /tabs >}}` here.\n');
    expect(p.shortcodes).toEqual([]);
    expect(p.problems).toEqual([]);
  });

  it('reports a closing shortcode with no opening one', () => {
    const p = parsePage('text\n\n{{% /codetab %}}\n');
    expect(p.problems.map((x) => [x.id, x.line])).toEqual([['unbalanced-shortcode', 3]]);
  });

  it('reports a codetab outside any tabs', () => {
    const p = parsePage('{{% codetab %}}\n\n```bash\nls\n```\n\n{{% /codetab %}}\n');
    expect(p.problems.map((x) => [x.id, x.line])).toEqual([['codetab-outside-tabs', 1]]);
  });
});
