// A throwaway tree shaped like the upstream quickstarts repository, run as a new user would:
// `parity init`, then `parity run --update`, then `parity run`, twice. Its samples were written
// without the harness in mind: per-app folders and secrets.json, mechanical-markdown READMEs, a Go
// app started with `go run .` on an empty module cache (it prints `go: downloading …` the first
// time only), and a JavaScript SDK app that logs its own start-up lines before printing the
// secret with console.log (Node's util.inspect form), and a .NET SDK app built by its README's
// `dotnet restore` / `dotnet build` on an empty NuGet cache. Real dapr, real daprd, real
// toolchains: a sample whose toolchain this machine lacks is reported skipped with the reason,
// and the JavaScript one (Node is always here) always runs.
import { execFileSync } from 'node:child_process';
import { removeTempDirs, tempDir } from '../helpers/temp-dirs.ts';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toolchain } from '../../harness/samples/toolchains.ts';
import { endParityChildren, REPO_ROOT, startParity } from '../helpers/parity-child.ts';

const root = tempDir('parity-quickstarts-');
const modcache = tempDir('parity-gomodcache-');
const nugetCache = tempDir('parity-nuget-');
const haveGo = Boolean((await toolchain('go')).version);
const haveDotnet = Boolean((await toolchain('dotnet')).version);
const qs = path.join(root, 'secrets_management');

function write(rel: string, text: string): void {
  const file = path.join(qs, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const SECRETS = '{"secret":"TreePasskey"}\n';

function readme(title: string, install: string | undefined, run: string, expected: string): string {
  const installStep = install ? `<!-- STEP\nname: Install\n-->\n\n\`\`\`bash\ncd ./order-processor\n${install}\n\`\`\`\n\n<!-- END_STEP -->\n\n` : '';
  return `# ${title}\n\n${installStep}<!-- STEP\nname: Run order-processor\nexpected_stdout_lines:\n  - "${expected}"\noutput_match_mode: substring\nbackground: true\nsleep: 15\ntimeout_seconds: 90\n-->\n\n\`\`\`bash\ncd ./order-processor\n${run}\n\`\`\`\n\n<!-- END_STEP -->\n`;
}

write('components/local-secret-store.yaml', 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: localsecretstore\nspec:\n  type: secretstores.local.file\n  version: v1\n  metadata:\n  - name: secretsFile\n    value: secrets.json\n  - name: nestedSeparator\n    value: ":"\n');

// Go, plain HTTP, with one module dependency so that a cold module cache has something to download.
write('go/http/order-processor/go.mod', 'module order-processor\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n');
write('go/http/order-processor/secrets.json', SECRETS);
write('go/http/order-processor/main.go', `package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"github.com/google/uuid"
)

func main() {
	_ = uuid.NewString() // a dependency the first go run has to download
	port := os.Getenv("DAPR_HTTP_PORT")
	resp, err := http.Get("http://127.0.0.1:" + port + "/v1.0/secrets/localsecretstore/secret")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	var m map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("Fetched Secret: %v\\n", m)
}
`);
write('go/http/README.md', readme('Go over HTTP', undefined, 'dapr run --app-id order-processor --resources-path ../../../components/ -- go run .', 'Fetched Secret: map[secret:TreePasskey]'));

// JavaScript SDK at its default log level (it logs lines of its own first), printing the object.
const jsDir = path.join(qs, 'javascript/sdk/order-processor');
mkdirSync(jsDir, { recursive: true });
for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(REPO_ROOT, 'samples/javascript/sdk', f), path.join(jsDir, f));
write('javascript/sdk/order-processor/secrets.json', SECRETS);
write('javascript/sdk/order-processor/index.js', `import { CommunicationProtocolEnum, DaprClient } from "@dapr/dapr";

const client = new DaprClient({ daprHost: "127.0.0.1", daprPort: process.env.DAPR_HTTP_PORT, communicationProtocol: CommunicationProtocolEnum.HTTP });
const secret = await client.secret.get("localsecretstore", "secret");
console.log("Fetched Secret:", secret);
await client.stop();
`);
write('javascript/sdk/README.md', readme('JavaScript SDK', 'npm ci', 'dapr run --app-id order-processor --resources-path ../../../components/ -- npm start', "Fetched Secret: { secret: 'TreePasskey' }"));

// .NET SDK, gRPC through Dapr.Client, the dictionary joined as the .NET quickstart prints it.
write('csharp/sdk/order-processor/order-processor.csproj', `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net8.0</TargetFramework>
    <RollForward>Major</RollForward>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Dapr.Client" Version="1.19.0" />
  </ItemGroup>
</Project>
`);
write('csharp/sdk/order-processor/secrets.json', SECRETS);
write('csharp/sdk/order-processor/Program.cs', `using Dapr.Client;

using var client = new DaprClientBuilder().Build();
var secret = await client.GetSecretAsync("localsecretstore", "secret");
Console.WriteLine("Fetched Secret: " + string.Join(", ", secret));
`);
write('csharp/sdk/README.md', readme('.NET SDK', 'dotnet restore\ndotnet build', 'dapr run --app-id order-processor --resources-path ../../../components/ -- dotnet run', 'Fetched Secret: [secret, TreePasskey]'));

afterAll(async () => {
  await endParityChildren();
  // Go makes its module cache read-only; removing it needs the write bits back.
  execFileSync('chmod', ['-R', 'u+w', modcache]);
  removeTempDirs();
});

// The Go app's module cache starts empty, and nothing may reach the user's.
const env = { GOMODCACHE: modcache, GOFLAGS: '-mod=mod', GOSUMDB: 'off', NUGET_PACKAGES: nugetCache };
const run = (args: string[], command = 'run') => startParity(root, args, { command, env, reportDir: path.join(root, `artifacts-${Date.now()}`) }).done;

describe('a quickstarts-shaped tree, as it is', () => {
  it('init, run --update, run, run: green each time, goldens recorded once and stable', async () => {
    const init = await startParity(root, [], { command: 'init', env }).done;
    // `init` takes DIR as its argument; --root is ignored by it.
    expect(init.code, init.describe()).toBe(0);
    const manifest = readFileSync(path.join(root, 'samples.yaml'), 'utf8');
    expect(manifest).toContain('id: go/http');
    expect(manifest).toContain('id: javascript/sdk');

    expect(manifest).toContain('id: csharp/sdk');

    const update = await run(['--update']);
    expect(update.code, update.describe()).toBe(0);
    const jsGolden = readFileSync(path.join(root, 'expected/javascript-sdk.txt'), 'utf8');
    // The toolchains' chatter is not in the goldens; the first run's downloads were counted.
    expect(jsGolden).toContain("Fetched Secret: { secret: 'TreePasskey' }");
    expect(jsGolden).not.toMatch(/^> /m);
    const goldens: Record<string, string> = { 'javascript-sdk': jsGolden };
    if (haveGo) {
      goldens['go-http'] = readFileSync(path.join(root, 'expected/go-http.txt'), 'utf8');
      expect(goldens['go-http']).toBe('Fetched Secret: map[secret:TreePasskey]\n');
      const goFirst = update.report!.samples.find((s) => s.id === 'go/http')!;
      expect(goFirst.filtered?.['go-download'], update.describe()).toBeGreaterThan(0);
    }
    if (haveDotnet) {
      goldens['csharp-sdk'] = readFileSync(path.join(root, 'expected/csharp-sdk.txt'), 'utf8');
      expect(goldens['csharp-sdk']).toBe('Fetched Secret: [secret, TreePasskey]\n');
    }

    // What each sample must come to on this machine: passed, or skipped for its missing toolchain.
    const outcome = (id: string, have: boolean, dir: string) => have
      ? [id, 'passed', `secrets_management/${dir}/order-processor/secrets.json`, true]
      : [id, 'skipped', `secrets_management/${dir}/order-processor/secrets.json`, undefined];
    const want = [outcome('csharp/sdk', haveDotnet, 'csharp/sdk'), outcome('go/http', haveGo, 'go/http'), outcome('javascript/sdk', true, 'javascript/sdk')];
    for (const attempt of [1, 2]) {
      const again = await run([]);
      expect(again.code, `run ${attempt}: ${again.describe()}`).toBe(0);
      const got = again.report!.samples.map((s) => [s.id, s.status, s.secretsFile, s.expectedLines?.ok]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(got, again.describe()).toEqual(want);
      for (const s of again.report!.samples.filter((x) => x.status === 'skipped')) expect(s.reason).toMatch(/ not found: install /);
      expect(again.report!.parity).toMatchObject({ ok: true, checked: want.filter((w) => w[1] === 'passed').length });
      expect(again.leftovers).toEqual([]);
    }
    for (const [name, text] of Object.entries(goldens)) expect(readFileSync(path.join(root, `expected/${name}.txt`), 'utf8')).toBe(text);
  }, 20 * 60_000);
});
