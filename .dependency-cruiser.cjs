// The harness's layering, enforced (`npm run lint:deps`). Stages, lowest first; a module may
// import its own stage or a lower one, never a higher one. docs/architecture.md describes them.
const STAGES = [
  ['model', '^harness/(model|expected-error|input-error)\\.ts$|^harness/text/'],
  ['files', '^harness/(files/|lock\\.ts$|probe-cache\\.ts$)'],
  ['processes', '^harness/processes/'],
  ['output', '^harness/output/'],
  ['golden-dapr', '^harness/(golden|dapr)/'],
  ['samples', '^harness/samples/'],
  ['services', '^harness/services/'],
  ['checks', '^harness/(parity/|security/|preflight\\.ts$)'],
  ['run', '^harness/run/'],
  ['scenario', '^harness/scenario/'],
  ['scheduling', '^harness/scheduling/'],
  ['orchestration', '^harness/(runner\\.ts$|report/|docs/)'],
  ['init', '^harness/init/'],
  ['commands', '^harness/(commands/|cli/|cli\\.ts$|cli-deps\\.ts$|bin/)'],
];

const upward = STAGES.flatMap(([name, path], i) => {
  const higher = STAGES.slice(i + 1).map(([, p]) => `(${p})`).join('|');
  return higher ? [{ name: `no-upward-from-${name}`, severity: 'error', comment: `${name} must not import a later stage`, from: { path }, to: { path: higher } }] : [];
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'import cycles hide which module owns what', from: {}, to: { circular: true } },
    { name: 'no-test-code-in-harness', severity: 'error', comment: 'harness/ ships to users: no tests, test helpers or test libraries in it', from: { path: '^harness/' }, to: { path: '^test/|node_modules/(vitest|fast-check|@stryker-mutator)/' } },
    // Type-only packages (@types/mdast is imported as 'mdast') have no runtime module to resolve.
    { name: 'no-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true, pathNot: '^mdast$' } },
    // model.ts is the vocabulary every stage shares; it names the types its fields have (a sample's
    // line filters, redactions, secret scopes) where those types are owned, without running them.
    ...upward.map((rule) => (rule.name === 'no-upward-from-model' ? { ...rule, to: { ...rule.to, dependencyTypesNot: ['type-only'] } } : rule)),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.cjs', '.mjs'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
