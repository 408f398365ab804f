/**
 * The composition's own JavaScript throwing during a concrete run (`spec.tags![0]` with `tags` absent: a
 * TypeError): reported as a TypeKroError that names the composition, the line of its source that threw and
 * what it threw (trial 21 F10), instead of the bare TypeError with no code. An error thrown inside TypeKro
 * itself is left as it is.
 */
import { fileURLToPath } from 'node:url';
import type { CompositionGraph } from '../ir/graph.js';
import { TypeKroError } from '../util/errors.js';

/** TypeKro's own modules (`src/` or `dist/`): a frame there is not the composition's code. */
const OWN_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs the composition's function (or a builder), reporting what its own code throws as above. */
export function userCode<T>(graph: CompositionGraph, body: () => T): T {
  try {
    return body();
  } catch (error) {
    const at = error instanceof Error && !(error instanceof TypeKroError) ? throwingLine(error) : undefined;
    if (at === undefined) throw error;
    const thrown = error as Error;
    throw new TypeKroError(
      'DEFINITION_INVALID',
      `${at}: composition "${graph.name}": its JavaScript throws for this spec and cluster state (${thrown.name}: ${thrown.message}); a deploy's CEL would wait or fail where JavaScript throws\n  hint: guard what may be missing there (\`x?.[0] ?? <default>\`, a test around it), or give the spec field a default`,
      { cause: error },
    );
  }
}

/** `file:line:column` of the first frame of `error` with a file, when that file is not TypeKro's own. */
function throwingLine(error: Error): string | undefined {
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const frame = /\(?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!frame) continue;
    const file = frame[1]!.startsWith('file://') ? fileURLToPath(frame[1]!) : frame[1]!;
    return file.startsWith(OWN_ROOT) ? undefined : `${file}:${frame[2]}:${frame[3]}`;
  }
  return undefined;
}
