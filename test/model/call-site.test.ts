/**
 * Call sites of user code: read from V8's structured frames under plain Node/tsx, and from the stack text
 * formatted by the runner when Node's own `Error.prepareStackTrace` is not in place (Vitest and Jest execute
 * code transformed with source maps only they know; test/testing/examples.test.ts runs the real runners).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../../src/ir/graph.js';
import { firstFile, lazyUserFrames, userFrames } from '../../src/model/call-site.js';

const thisFile = fileURLToPath(import.meta.url);
/** Where the runner's maps say this file's code was written (a path Node has no source map for). */
const original = { file: '/project/src/webapp.ts', line: 9, column: 23 };

/** 1-based line of the first line of this file containing `marker`. */
function lineOf(marker: string): number {
  return readFileSync(thisFile, 'utf8').split('\n').findIndex((line) => line.includes(marker)) + 1;
}

/**
 * A preparer like a runner's (source-map-support): formats each frame, mapping this file's frames through a
 * map only it knows.
 */
function runnerPreparer(error: Error, sites: NodeJS.CallSite[]): string {
  const frames = sites.map((site) => {
    const name = site.getFileName() ?? '<anonymous>';
    const mapped = name.includes('call-site.test') ? original : { file: name, line: site.getLineNumber(), column: site.getColumnNumber() };
    return `    at ${site.getFunctionName() ?? '<anonymous>'} (${mapped.file}:${mapped.line}:${mapped.column})`;
  });
  return [`${error.name}: ${error.message}`, ...frames].join('\n');
}

function withPreparer<T>(run: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = runnerPreparer;
  try {
    return run();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

describe('call sites', () => {
  it('under Node (tsx), the user frame is at the line of the source', () => {
    const [frame] = userFrames(); // plain-node-marker
    assert.deepEqual(frame && { file: frame.file, line: frame.line }, { file: thisFile, line: lineOf('plain-node-marker') });
    assert.equal(Error.prepareStackTrace?.name, 'ErrorPrepareStackTrace', 'Node\'s own preparer is in place, so the structured path ran');
  });

  it('with a runner\'s prepareStackTrace installed, frames are where the runner maps them', () => {
    const [user] = withPreparer(() => userFrames());
    assert.deepEqual(user, original);
    const [lazy] = withPreparer(() => [...lazyUserFrames()]);
    assert.deepEqual(lazy, original);
    assert.equal(withPreparer(() => firstFile((file) => file === original.file)), original.file, 'firstFile reads the runner-formatted stack too');
    assert.equal(Error.prepareStackTrace?.name, 'ErrorPrepareStackTrace', 'the preparer is left as it was');
  });

  it('past the frames read first, deeper user frames are read once each, in order', () => {
    const depth = 20;
    const nest = (n: number): SourceLocation[] => (n === 0 ? userFrames() : nest(n - 1)); // recursion-marker
    const frames = nest(depth);
    const line = lineOf('recursion-marker');
    assert.deepEqual(frames.slice(0, depth + 1).map((frame) => `${frame.file}:${frame.line}`), Array.from({ length: depth + 1 }, () => `${thisFile}:${line}`));
    assert.equal(frames[depth + 1]?.line, line + 1, 'then the frame that started the recursion');
    assert.equal(frames.filter((frame) => frame.line === line).length, depth + 1, 'no frame twice');
  });

  it('finds the first file a predicate accepts, TypeKro\'s own frames included', () => {
    assert.equal(firstFile((file) => file === thisFile), thisFile);
    assert.match(firstFile(() => true) ?? '', /src\/model\/call-site\.ts$/);
  });

  it('with no preparer (the vm context Jest runs tests in), the formatted stack is read', () => {
    const previous = Error.prepareStackTrace;
    Reflect.deleteProperty(Error, 'prepareStackTrace');
    try {
      const [frame] = userFrames(); // no-preparer-marker
      assert.deepEqual(frame && { file: frame.file, line: frame.line }, { file: thisFile, line: lineOf('no-preparer-marker') });
    } finally {
      Error.prepareStackTrace = previous;
    }
  });
});
