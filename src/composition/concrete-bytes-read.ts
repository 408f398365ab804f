/**
 * How a concrete run reads a present bytes field (a Secret's `data` entry): base64 text as JavaScript reads
 * the API's JSON, or the decoded text where the compiled CEL decodes it (a `Cel.template` argument).
 */
import { bothUsesRefusal, templateUseAt } from '../analysis/read-context.js';
import { callerFrame } from '../model/call-site.js';
import { TypeKroError } from '../util/errors.js';

/**
 * The read of bytes field `name` (a Secret's `data` entry), present with base64 text `text`: that text, as
 * JavaScript reads the API's JSON, except as a `Cel.template` argument, where the compiled CEL takes the
 * bytes and `string(...)` decodes them (docs/guide/real-cluster.md): there it is the decoded text. A local
 * used both ways has no one value that means both, so it is refused with the way out.
 */
export function bytesRead(text: string, name: string): string {
  const frame = callerFrame();
  const use = frame ? templateUseAt(frame.file, frame.line, frame.column, name) : undefined;
  if (use === 'both') {
    // The definition refuses this where it compiles the read; a read it did not compile is refused here.
    const { why, hint } = bothUsesRefusal(name);
    throw new TypeKroError('DEFINITION_INVALID', `${frame!.file}:${frame!.line}:${frame!.column}: ${why}\n  hint: ${hint}`);
  }
  return use === 'cel' ? decodedText(text, name) : text;
}

/** What CEL's `string(bytes)` gives for base64 `text`: its UTF-8 text; bytes that are not UTF-8 fail in the cluster. */
function decodedText(text: string, name: string): string {
  // The API server returns `format: byte` fields as standard base64 (openApiToCel leaves other text as it is).
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'base64'));
  } catch {
    throw new TypeKroError('DEPLOY_FAILED', `Cel.template over \`${name}\`: its bytes are not UTF-8 text, so CEL's string() fails on them and the expression fails in the cluster`);
  }
}
