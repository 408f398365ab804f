/**
 * Indentation for json-schema-to-typescript's unformatted output (`format: false`): its declarations put
 * one member per line, open a brace at the end of a line and close it at the start of one, so nesting
 * depth alone lays them out. This replaces its prettier pass, which took most of an import's time
 * (cert-manager's six CRDs: ~0.8 s of ~2 s).
 */
const INDENT = '  ';

/** Indents declarations by brace depth; JSDoc lines keep their ` * ` alignment under the member they describe. */
export function indentDeclarations(text: string): string {
  const lines: string[] = [];
  let depth = 0;
  let inComment = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (inComment || line.startsWith('/**')) {
      inComment = !line.endsWith('*/');
      lines.push(`${INDENT.repeat(depth)}${line.startsWith('*') ? ` ${line}` : line}`);
      continue;
    }
    if (line.startsWith('}')) depth = Math.max(0, depth - 1);
    lines.push(`${INDENT.repeat(depth)}${line}`);
    if (line.endsWith('{')) depth += 1;
  }
  return lines.join('\n');
}
