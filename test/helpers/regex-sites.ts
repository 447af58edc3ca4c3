// Finds every regular expression written in the harness's source, so the ReDoS test covers a new
// one without being told: regex literals, and `new RegExp(…)` / `RegExp(…)` calls. A call whose
// pattern is a constant string is returned as a pattern; one built at run time (a template with
// substitutions, a variable) is returned as a dynamic site, which the test must account for.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface RegexSite {
  file: string;
  line: number;
  /** The expression as written, e.g. `/\s+$/u` or `new RegExp(\`…\`, 'g')`. */
  text: string;
}

export interface ConstantRegex extends RegexSite {
  source: string;
  flags: string;
}

export interface RegexScan {
  constant: ConstantRegex[];
  dynamic: RegexSite[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(?:[cm]?ts|[cm]?js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function constantString(node: ts.Expression | undefined): string | undefined {
  if (!node) return '';
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

export function scanRegexes(root: string, dir = 'harness'): RegexScan {
  const out: RegexScan = { constant: [], dynamic: [] };
  for (const file of sourceFiles(path.join(root, dir)).sort()) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const rel = path.relative(root, file);
    const site = (node: ts.Node): RegexSite => ({
      file: rel,
      line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
      text: node.getText(sf),
    });
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sf);
        const slash = literal.lastIndexOf('/');
        out.constant.push({ ...site(node), source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [pattern, flags] = node.arguments ?? [];
        const source = constantString(pattern);
        const flagText = constantString(flags);
        if (source !== undefined && flagText !== undefined) out.constant.push({ ...site(node), source, flags: flagText });
        else out.dynamic.push(site(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}
