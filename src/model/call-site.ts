/**
 * Where user code called into TypeKro. Stack frames inside this package are skipped, so the first
 * remaining frame is the user's call (a factory call, `withReadyWhen`, `kubernetesComposition`).
 */
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../ir/graph.js';
import { stackFrames } from '../util/stack.js';

// This file is <package>/src/model or <package>/dist/model. Both trees count as TypeKro's own: an installed
// package's dist files carry source maps, so its stack frames may be reported at <package>/src paths.
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ownTrees = [join(packageRoot, 'src') + sep, join(packageRoot, 'dist') + sep];

/** True for files of TypeKro itself (its `src/` or `dist/` tree) and for Node internals. */
export function isInternalFile(file: string): boolean {
  return ownTrees.some((tree) => file.startsWith(tree)) || file.startsWith('node:') || !file.includes('/');
}

/** TypeKro's own path of `file` (`api/bootstrap/runtime.ts`), or undefined for other files. */
export function ownPath(file: string): string | undefined {
  const tree = ownTrees.find((candidate) => file.startsWith(candidate));
  return tree ? file.slice(tree.length).split(sep).join('/') : undefined;
}

/** Every frame of the current stack with a file, innermost first (at most `limit` raw frames). */
export function allFrames(limit = 64): SourceLocation[] {
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = previous;
  return stackFrames(stack);
}

/** The user frames of the current stack, innermost first (at most `limit` raw frames are read). */
export function userFrames(limit?: number): SourceLocation[] {
  return allFrames(limit).filter((frame) => !isInternalFile(frame.file));
}

export function formatLocation(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}:${location.column}` : '<unknown location>';
}
