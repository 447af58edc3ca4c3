// A small quickstarts-shaped tree and quickstart pages about it, written for the tests of
// `parity docs` against a tree (nothing of it comes from the Dapr quickstarts or docs). One
// building block, `orders`: a Python sample run by a run file (with a golden), a Go sample run
// by `dapr run … --` (no golden yet) and a JavaScript one no page has a tab for.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeDocsTree(root: string): void {
  const w = (rel: string, text: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  w('orders/components/ledger.yaml', 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\nspec:\n  type: state.redis\n  version: v1\n  metadata:\n  - name: redisHost\n    value: localhost:6379\n');
  w('orders/python/sdk/dapr.yaml', 'version: 1\ncommon:\n  resourcesPath: ../../components/\napps:\n  - appID: tally-py\n    appDirPath: ./tally/\n    command: ["python3", "main.py"]\n');
  w('orders/python/sdk/tally/requirements.txt', 'requests\n');
  w('orders/python/sdk/tally/main.py', 'STORE = "ledger"\n\nfor n in range(1, 3):\n    print(f"counted {n}", flush=True)\nprint("tally done", flush=True)\n');
  w('orders/go/sdk/tally/go.mod', 'module tally\n\ngo 1.22\n');
  w('orders/go/sdk/tally/main.go', 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfor n := 1; n < 3; n++ {\n\t\tfmt.Printf("counted %d\\n", n)\n\t}\n}\n');
  w('orders/javascript/http/dapr.yaml', 'version: 1\napps:\n  - appID: tally-js\n    appDirPath: ./tally/\n    command: ["node", "index.js"]\n');
  w('orders/javascript/http/tally/index.js', 'console.log("counted 1");\n');
  w('expected/orders/python-sdk/tally-py.txt', 'counted 1\ncounted 2\ntally done\n');
  w('samples.yaml', `samples:
  - id: orders/python/sdk
    block: orders
    language: python
    variant: sdk
    dir: orders/python/sdk
    toolchains: [ python3 ]
    steps:
      - install: pip3 install -r requirements.txt
        cwd: tally
        line: 10
      - run:
          file: dapr.yaml
        apps:
          tally-py:
            role: job
        line: 20
  - id: orders/go/sdk
    block: orders
    language: go
    variant: sdk
    dir: orders/go/sdk
    toolchains: [ go ]
    steps:
      - run:
          appId: tally-go
          command: go run .
          cwd: tally
          resources: ../../../components
        apps:
          tally-go:
            role: job
        line: 12
  - id: orders/javascript/http
    block: orders
    language: javascript
    variant: http
    dir: orders/javascript/http
    toolchains: [ node ]
    steps:
      - run:
          file: dapr.yaml
        apps:
          tally-js:
            role: job
        line: 8
`);
}

/** The two tabs' contents, shared by both dialects' pages; `drift` puts one mistake of each kind in. */
function tabBodies(drift: boolean): { python: string; go: string } {
  const f = '```';
  const python = `
Get the [sample](https://github.com/dapr/quickstarts/tree/master/orders/python/sdk).

${f}bash
git clone https://github.com/dapr/quickstarts.git
${drift ? 'cd orders/python/sdk\npip3 install -r requirements.txt\ncd tally\ndapr run -f .' : 'cd orders/python/sdk/tally\npip3 install -r requirements.txt\ncd ..\ndapr run -f .'}
${f}

The app counts:

${f}python
${drift ? 'for n in range(1, 4):' : 'for n in range(1, 3):'}
    # ...
${f}

The \`dapr.yaml\` file holds:

${f}yaml
version: 1
common:
  resourcesPath: ../../components/
apps:
  - appID: ${drift ? 'tally' : 'tally-py'}
    appDirPath: ./tally/
    command: ["python3", "main.py"]
${f}

Tally output:

${f}
counted 1
${drift ? 'counted 3' : 'counted 2'}
${f}
`;
  const go = `
See [main.go](https://github.com/dapr/quickstarts/blob/master/orders/go/sdk/tally/${drift ? 'tally.go' : 'main.go'}) and [the folder](https://github.com/dapr/quickstarts/${drift ? '' : 'tree/master/'}orders/go/sdk).

${f}bash
cd orders/go/sdk/tally
${drift ? 'go build .\ndapr run --app-id tally-go --resources-path ../components -- go run main.go\ndapr run --app-id tally -- go run .\ncd ../counter' : 'dapr run --app-id tally-go --resources-path ../../../components -- go run .'}
${f}

Tally output:

${f}
counted 1
${f}
`;
  return { python, go };
}

/** A page in Hugo's dialect: `{{< tabs >}}` with `{{% codetab %}}`, an alert, and a nested OS tab group. */
export function hugoPage(drift: boolean): string {
  const t = tabBodies(drift);
  return `---
title: "Quickstart: Orders"
---

{{% alert title="Note" color="primary" %}}
A page the tests wrote.
{{% /alert %}}

{{< tabs "Python" "Go" >}}
{{% codetab %}}
${t.python}
{{< tabs "Linux" "Windows" >}}
{{% codetab %}}
Nothing to add on Linux.
{{% /codetab %}}
{{% codetab %}}
Nothing to add on Windows either.
{{% /codetab %}}
{{< /tabs >}}
{{% /codetab %}}
{{% codetab %}}
${t.go}
{{% /codetab %}}
{{< /tabs >}}
`;
}

/** The same page in Docsy's dialect: `{{< tabpane >}}` with `{{% tab header="…" %}}`. */
export function docsyPage(drift: boolean): string {
  const t = tabBodies(drift);
  return `---
title: "Quickstart: Orders"
---

{{% alert title="Note" color="primary" %}}
A page the tests wrote.
{{% /alert %}}

{{< tabpane text=true >}}
{{% tab header="Python" %}}
${t.python}
{{< tabpane text=true >}}
{{% tab header="Linux" %}}
Nothing to add on Linux.
{{% /tab %}}
{{% tab header="Windows" %}}
Nothing to add on Windows either.
{{% /tab %}}
{{< /tabpane >}}
{{% /tab %}}
{{% tab header="Go" %}}
${t.go}
{{% /tab %}}
{{< /tabpane >}}
`;
}
