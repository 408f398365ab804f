/**
 * A test-only build step for the cold path: instead of compiling, it copies the binaries of an earlier build
 * (the warm cache the test run already has) to where `go build` would write them. Everything around it is the
 * real cold path: cache key, lock, temp directory, version checks of the copies, manifest, atomic rename, start.
 */
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { GoBuildFn } from '../../src/testing/index.js';

export function copyPrebuilt(fromDir: string, afterStep: () => void = () => {}): GoBuildFn {
  return async (step, progress, signal) => {
    const started = Date.now();
    const intoDir = step.output.endsWith('/'); // several main packages, one binary each, named after the package
    const names = intoDir ? step.packages.map((p) => basename(p)) : [basename(step.output)];
    for (const name of names) {
      if (signal.aborted) throw new Error(`copying ${step.label} stopped: the build bound passed`);
      await copyFile(join(fromDir, name), intoDir ? join(step.output, name) : step.output);
    }
    progress(`[clusterbins] ${step.label}: copied ${names.join(', ')} from ${fromDir} (test build step)`);
    afterStep();
    return Date.now() - started;
  };
}
