// parseSecretOutput against what each language's own runtime prints for the same maps: the
// programs below are run by the real node, python3, go, java (and dotnet where installed), so a
// change in how a runtime formats a map shows up here rather than in a hand-typed string.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSecretOutput, type SecretFormat } from '../../harness/parity/parse-secret.ts';

/** The maps every runtime prints; values with the characters that make map formats ambiguous. */
const CASES: Record<string, Record<string, string>> = {
  plain: { secret: 'YourPasskeyHere' },
  'single quote': { secret: "it's" },
  'double quotes': { secret: 'say "hi"' },
  'both quotes': { secret: `both ' and "` },
  colon: { secret: 'a:b' },
  'colon after a space': { secret: 'note a:b' },
  spaces: { secret: 'pass word  two' },
  equals: { secret: 'k=v' },
  comma: { secret: 'x, y' },
  'several keys': { alpha: '1', beta: 'two words', gamma: 'x=y:z, w' },
  'long (several lines in Node)': { alpha: 'a'.repeat(40), beta: 'b'.repeat(40) },
};
const NAMES = Object.keys(CASES);
/** A string literal every language here reads: JSON's escapes are a subset of theirs for these values. */
const lit = (s: string) => JSON.stringify(s);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'parity-printers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

/** Splits a program's output at its `CASE <name>` marker lines. */
function byCase(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('CASE ')) { name = line.slice(5); out.set(name, ''); } else if (name) out.set(name, `${out.get(name) + line}\n`);
  }
  return out;
}

function run(cmd: string, args: string[], cwd = tmp): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' }, timeout: 120_000 });
}

interface Printer {
  name: string;
  tool: string;
  format: SecretFormat | ((name: string) => SecretFormat);
  /** Prints every case, each after a `CASE <name>` line. */
  print: () => string;
}

const printers: Printer[] = [
  {
    name: 'Node console.log (util.inspect)', tool: 'node', format: 'node-inspect',
    print: () => run('node', ['-e', NAMES.map((n) => `console.log('CASE ' + ${lit(n)}); console.log('Fetched Secret:', ${JSON.stringify(CASES[n])});`).join('\n')]),
  },
  {
    name: 'Python print of a dict', tool: 'python3', format: 'python-dict',
    print: () => run('python3', ['-c', NAMES.map((n) => `print('CASE ' + ${lit(n)}); print('Fetched Secret:', ${JSON.stringify(CASES[n])})`).join('\n')]),
  },
  {
    name: 'Python str() of a mappingproxy (prints as the dict)', tool: 'python3', format: 'python-dict',
    print: () => run('python3', ['-c', `import types\n${NAMES.map((n) => `print('CASE ' + ${lit(n)}); print('Fetched Secret:', str(types.MappingProxyType(${JSON.stringify(CASES[n])})))`).join('\n')}`]),
  },
  {
    name: 'Python repr() of a mappingproxy', tool: 'python3', format: 'python-mappingproxy',
    print: () => run('python3', ['-c', `import types\n${NAMES.map((n) => `print('CASE ' + ${lit(n)}); print('Fetched Secret:', repr(types.MappingProxyType(${JSON.stringify(CASES[n])})))`).join('\n')}`]),
  },
  {
    name: 'Go %v of a map and %+v of a struct', tool: 'go', format: (n) => (n.startsWith('struct ') ? 'go-struct' : 'go-map'),
    print: () => {
      const dir = path.join(tmp, 'go');
      const body = NAMES.flatMap((n) => {
        const entries = Object.entries(CASES[n]!);
        const fields = entries.map(([k]) => `${k[0]!.toUpperCase()}${k.slice(1)} string`).join('; ');
        return [
          `fmt.Println("CASE " + ${lit(n)})`,
          `fmt.Println("Fetched Secret: ", map[string]string{${entries.map(([k, v]) => `${lit(k)}: ${lit(v)}`).join(', ')}})`,
          `fmt.Println("CASE struct " + ${lit(n)})`,
          `fmt.Printf("Fetched Secret: %+v\\n", struct{ ${fields} }{${entries.map(([, v]) => lit(v)).join(', ')}})`,
        ];
      });
      execFileSync('mkdir', ['-p', dir]);
      writeFileSync(path.join(dir, 'go.mod'), 'module printers\n\ngo 1.21\n');
      writeFileSync(path.join(dir, 'main.go'), `package main\n\nimport "fmt"\n\nfunc main() {\n\t${body.join('\n\t')}\n}\n`);
      return run('go', ['run', '.'], dir);
    },
  },
  {
    name: 'Java Map.toString', tool: 'java', format: 'java-map',
    print: () => {
      const body = NAMES.flatMap((n) => [
        `System.out.println("CASE " + ${lit(n)});`,
        `m = new java.util.LinkedHashMap<>(); ${Object.entries(CASES[n]!).map(([k, v]) => `m.put(${lit(k)}, ${lit(v)});`).join(' ')}`,
        'System.out.println("Fetched Secret: " + m);',
      ]);
      writeFileSync(path.join(tmp, 'Printers.java'), `public class Printers {\n  public static void main(String[] a) {\n    java.util.Map<String, String> m;\n    ${body.join('\n    ')}\n  }\n}\n`);
      return run('java', ['Printers.java']);
    },
  },
  {
    name: '.NET string.Join over a Dictionary', tool: 'dotnet', format: 'dotnet-pairs',
    print: () => {
      const dir = path.join(tmp, 'dotnet');
      const body = NAMES.flatMap((n) => [
        `Console.WriteLine("CASE " + ${lit(n)});`,
        `Console.WriteLine("Fetched Secret: " + string.Join(", ", new Dictionary<string, string> { ${Object.entries(CASES[n]!).map(([k, v]) => `[${lit(k)}] = ${lit(v)}`).join(', ')} }));`,
      ]);
      execFileSync('mkdir', ['-p', dir]);
      writeFileSync(path.join(dir, 'printers.csproj'), '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework><RollForward>Major</RollForward><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>\n');
      writeFileSync(path.join(dir, 'Program.cs'), `${body.join('\n')}\n`);
      return run('dotnet', ['run', '--nologo'], dir);
    },
  },
];

describe('parseSecretOutput reads what each runtime really prints', () => {
  for (const p of printers) {
    const present = onPath(p.tool);
    it.skipIf(!present)(`${p.name}${present ? '' : ` — skipped: no ${p.tool} on PATH`}`, () => {
      const outputs = byCase(p.print());
      expect(outputs.size).toBeGreaterThanOrEqual(NAMES.length);
      for (const [name, output] of outputs) {
        const want = CASES[name.replace(/^struct /, '')]!;
        const format = typeof p.format === 'function' ? p.format(name) : p.format;
        expect({ name, output, parsed: parseSecretOutput(output, 'secret') }).toEqual({ name, output, parsed: { ok: true, format, map: want } });
      }
    }, 180_000);
  }
});

describe('objects a runtime prints with their type name', () => {
  it.skipIf(!onPath('node'))('a Node class instance reads as its fields', () => {
    const output = run('node', ['-e', 'class Secret { constructor() { this.secret = "it\'s: a=b, c" } }; console.log("Fetched Secret:", new Secret())']);
    expect(parseSecretOutput(output, 'secret')).toEqual({ ok: true, format: 'node-inspect', map: { secret: "it's: a=b, c" } });
  });
});

describe('what no format reads still fails, with the line quoted', () => {
  it.skipIf(!onPath('node'))('a Node Map (util.inspect of a Map is not one of the formats)', () => {
    const output = run('node', ['-e', 'console.log("Fetched Secret:", new Map([["secret", "x"]]))']);
    expect(parseSecretOutput(output, 'secret')).toEqual({ ok: false, error: `cannot parse the secret map in the line "${output.trim()}"` });
  });
});
