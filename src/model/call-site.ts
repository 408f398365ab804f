/**
 * Where user code called into TypeKro. Stack frames inside this package are skipped, so the first
 * remaining frame is the user's call (a factory call, `withReadyWhen`, `kubernetesComposition`).
 */
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../ir/graph.js';

const packageSourceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..') + sep;

/** True for files of TypeKro itself (its `src/` or `dist/` tree) and for Node internals. */
export function isInternalFile(file: string): boolean {
  return file.startsWith(packageSourceRoot) || file.startsWith('node:') || !file.includes('/');
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
