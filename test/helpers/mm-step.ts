// A README step as mechanical-markdown reads it, for the trees the tests write: its header (the
// YAML between `<!-- STEP` and `-->`), then one bash block per command.
export function mmStep(header: string, ...commands: string[]): string {
  return `<!-- STEP\n${header}\n-->\n\n${commands.map((c) => `\`\`\`bash\n${c}\n\`\`\`\n`).join('\n')}\n<!-- END_STEP -->\n`;
}
