/**
 * Where user code called into TypeKro. Stack frames inside this package are skipped, so the first
 * remaining frame is the user's call (a factory call, `withReadyWhen`, `kubernetesComposition`).
 *
 * Every factory call asks where it was made, so reading the stack must be cheap: V8's structured call
 * sites are taken instead of the formatted `stack` text (which Node source-maps frame by frame, ours
 * included, and which would then be parsed back), and only the frames that are not TypeKro's own are
 * source-mapped, through the same maps Node uses for its stack traces (`module.findSourceMap`).
 *
 * Test runners that transform code themselves (Vitest's vite-node, Jest's ts-jest/babel) execute it with
 * source maps Node never sees, so V8's positions are those of the transformed code and `findSourceMap` cannot
 * map them. Vitest installs its own `Error.prepareStackTrace` (source-map-support or its like) that knows
 * those maps; Jest runs code in a vm context whose `Error` has none and maps the text from outside. So unless
 * Node's own preparer is the one in place, the stack is formatted as the runner formats it and parsed back:
 * that reuses the runner's own mapping, whatever maps or caches it keeps, instead of a second copy of it
 * here, and costs only under such runners (plain Node and tsx keep the structured path).
 */
import { findSourceMap } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceLocation } from '../ir/graph.js';
import { OWN_TREES } from '../util/own-tree.js';
import { stackFrames } from '../util/stack.js';

const ownTrees = OWN_TREES;
// The same trees as module URLs: ES modules report their frames by URL, checked before any conversion.
const ownTreeUrls = ownTrees.map((tree) => pathToFileURL(tree).href);

/** True for files of TypeKro itself (its `src/` or `dist/` tree) and for Node internals. */
export function isInternalFile(file: string): boolean {
  return startsWithAny(file, ownTrees) || file.startsWith('node:') || !file.includes('/');
}

// Asked for every frame of every factory call: a loop, no closure per question.
function startsWithAny(text: string, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) if (text.startsWith(prefix)) return true;
  return false;
}

/** TypeKro's own path of `file` (`api/bootstrap/runtime.ts`), or undefined for other files. */
export function ownPath(file: string): string | undefined {
  const tree = ownTrees.find((candidate) => file.startsWith(candidate));
  return tree ? file.slice(tree.length).split(sep).join('/') : undefined;
}

/**
 * The file of the innermost frame of the current stack that `wanted` accepts (at most `limit` raw frames are
 * read). TypeKro's own frames are judged by the file V8 reports (a `dist/` file maps to the `src/` file of the
 * same module, which {@link ownPath} reads alike), so only other frames are source-mapped: a definition starts
 * under several of TypeKro's modules, whose maps would otherwise be parsed just to skip them.
 */
export function firstFile(wanted: (file: string) => boolean, limit = 64): string | undefined {
  if (!nodeFormatsStacks()) return runnerFrames(limit).find((frame) => wanted(frame.file))?.file;
  for (const site of callSites(limit)) {
    const name = site.getFileName();
    const file = name && startsWithAny(name, ownTreeUrls) ? pathOf(name) : frameOf(site)?.file;
    if (file !== undefined && wanted(file)) return file;
  }
  return undefined;
}

/** The user frames of the current stack, innermost first (at most `limit` raw frames are read). */
export function userFrames(limit = 64): SourceLocation[] {
  return [...lazyUserFrames(limit)];
}

/**
 * The user frames of the current stack, innermost first, each source-mapped only when the caller reaches it
 * (finding a factory call's site usually needs the first one alone). The first frames are read at once, deeper
 * ones when reached: iterate within the call that asked (as every caller does), not after it returned.
 */
export function lazyUserFrames(limit = 64): Iterable<SourceLocation> {
  if (!nodeFormatsStacks()) return runnerFrames(limit).filter((frame) => !isInternalFile(frame.file));
  const first = callSites(Math.min(limit, FIRST_READ));
  return {
    *[Symbol.iterator]() {
      let read = 0;
      for (const site of first) {
        if (!isUserSite(site)) continue;
        read++;
        const frame = frameOf(site);
        if (frame && !isInternalFile(frame.file)) yield frame;
      }
      if (first.length < FIRST_READ || limit <= FIRST_READ) return;
      // The caller wants frames beyond the first read: read the stack again, deeper. Only TypeKro's own frames
      // at its top differ (this iterator runs inside the call that made it), so the user frames given are skipped.
      for (const site of callSites(limit)) {
        if (!isUserSite(site) || read-- > 0) continue;
        const frame = frameOf(site);
        if (frame && !isInternalFile(frame.file)) yield frame;
      }
    },
  };
}

/** The innermost user frame of the current stack (the user's code a proxy trap or a factory runs under), if any. */
export function userFrame(): SourceLocation | undefined {
  const first = lazyUserFrames()[Symbol.iterator]().next();
  return first.done ? undefined : first.value;
}

/** `file:line:column` of {@link userFrame}, as a message thrown from a trap starts. */
export function userLocation(): string {
  return formatLocation(userFrame());
}

/**
 * The frame of the code that called into TypeKro just now (a property read a proxy of TypeKro's answers):
 * the first frame that is not TypeKro's own, when it is the user's source; `undefined` when that frame is
 * Node's or a native function's (`Array.prototype.map` reading items), whose position says nothing.
 */
export function callerFrame(limit = FIRST_READ): SourceLocation | undefined {
  if (!nodeFormatsStacks()) {
    const frame = runnerFrames(limit).find((candidate) => !startsWithAny(candidate.file, ownTrees));
    return frame && !isInternalFile(frame.file) ? frame : undefined;
  }
  for (const site of callSites(limit)) {
    const name = site.getFileName();
    if (name && (startsWithAny(name, ownTreeUrls) || startsWithAny(name, ownTrees))) continue;
    if (!isUserSite(site)) return undefined;
    const frame = frameOf(site);
    return frame && !isInternalFile(frame.file) ? frame : undefined;
  }
  return undefined;
}

/**
 * Raw frames read first. Capturing costs per frame, and a factory call's site is the first user frame after
 * four or five of TypeKro's own (one more when called from a loop callback): whole stacks are 15 frames
 * under a plain script and several times that under a test runner.
 */
const FIRST_READ = 8;

function isUserSite(site: NodeJS.CallSite): boolean {
  const name = site.getFileName();
  return !!name && !startsWithAny(name, ownTreeUrls) && !isInternalFile(name);
}

export function formatLocation(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}:${location.column}` : '<unknown location>';
}

/**
 * True when Node's own preparer formats stack traces (Node 20+ installs `ErrorPrepareStackTrace`, which maps
 * through the maps `findSourceMap` reads). Any other (a runner's or source-map-support's), or none (the vm
 * context Jest runs tests in), means positions may need maps only the runner knows. A Node version that
 * renamed its preparer would only lose the fast path, not correctness.
 */
function nodeFormatsStacks(): boolean {
  return Error.prepareStackTrace?.name === 'ErrorPrepareStackTrace';
}

/** The frames of the current stack as the installed preparer formats (and source-maps) them. */
function runnerFrames(limit: number): SourceLocation[] {
  const holder: { stack?: unknown } = {};
  const { stackTraceLimit } = Error;
  Error.stackTraceLimit = limit;
  try {
    Error.captureStackTrace(holder, runnerFrames);
    return typeof holder.stack === 'string' ? stackFrames(holder.stack) : [];
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** V8's call sites of the current stack, innermost first, without formatting them to text. */
function callSites(limit: number): NodeJS.CallSite[] {
  const holder: { stack?: unknown } = {};
  const { stackTraceLimit, prepareStackTrace } = Error;
  Error.stackTraceLimit = limit;
  Error.prepareStackTrace = structuredSites;
  try {
    Error.captureStackTrace(holder, callSites);
    // `stack` is prepared when first read, so it must be read while the structured preparer is installed.
    return Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
}

function structuredSites(_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] {
  return sites;
}

/**
 * A call site's file, line and column (1-based) in the source the user wrote: mapped through the file's
 * source map when Node has one (tsx, `--enable-source-maps`), as Node's own stack traces are. Frames of Node
 * itself, eval code and anonymous scripts have no location.
 */
function frameOf(site: NodeJS.CallSite): SourceLocation | undefined {
  const name = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!name || line === null || column === null || site.isEval()) return undefined;
  if (name.startsWith('node:') || name.startsWith('data:') || name === '<anonymous>') return undefined;
  const entry = findSourceMap(name)?.findEntry(line - 1, column - 1);
  if (entry && 'originalSource' in entry && entry.originalSource !== undefined) {
    return { file: pathOf(entry.originalSource), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }
  return { file: pathOf(name), line, column };
}

const PLAIN_URL_EXCEPTIONS = /[%?#|\\\x00-\x20\x7f]|\/\.{1,2}(?:\/|$)/;

function pathOf(name: string): string {
  // Every user frame comes through here: a plain POSIX file URL (no host, escape, query, fragment, backslash,
  // control character or dot segment) is its path after the scheme, without the URL parse of `fileURLToPath`
  // (which handles every other form).
  if (sep === '/' && name.startsWith('file:///') && !PLAIN_URL_EXCEPTIONS.test(name)) return name.slice('file://'.length);
  return name.startsWith('file://') ? fileURLToPath(name) : name;
}
