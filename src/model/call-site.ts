/**
 * Where user code called into TypeKro. Stack frames inside this package are skipped, so the first
 * remaining frame is the user's call (a factory call, `withReadyWhen`, `kubernetesComposition`).
 */
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../ir/graph.js';

// This file is <package>/src/model or <package>/dist/model. Both trees count as TypeKro's own: an installed
// package's dist files carry source maps, so its stack frames may be reported at <package>/src paths.
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ownTrees = [join(packageRoot, 'src') + sep, join(packageRoot, 'dist') + sep];

/** True for files of TypeKro itself (its `src/` or `dist/` tree) and for Node internals. */
export function isInternalFile(file: string): boolean {
  return ownTrees.some((tree) => file.startsWith(tree)) || file.startsWith('node:') || !file.includes('/');
}

/** The user frames of the current stack, innermost first. */
export function userFrames(): SourceLocation[] {
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = previous;
  return parseStack(stack).filter((frame) => !isInternalFile(frame.file));
}

const FRAME = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?$/;

/** Parses V8 stack lines (`at fn (file:line:col)` and `at file:line:col`). */
export function parseStack(stack: string): SourceLocation[] {
  const frames: SourceLocation[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match?.[1]) continue;
    const file = match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
    frames.push({ file, line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

export function formatLocation(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}:${location.column}` : '<unknown location>';
}
