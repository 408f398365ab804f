/**
 * The collection each benchmark runs before a measured phase, so that garbage left by earlier phases is not
 * collected (and charged) inside it. Chosen with `--gc=minor|full|none`; the default is `minor`.
 *
 * `minor` (`gc({ type: 'minor' })`, a scavenge) empties the young generation. `full` (`gc()`, what these
 * benchmarks ran until 2026-12-05) is a forced major GC, and V8 skips its map retention on forced and
 * memory-reducing collections (`--retain-maps-for-n-gc` is ignored there): the maps of short-lived objects
 * (Babel's parser and tokenizer state, options objects, source-map decoders) die, and every optimized function
 * that embedded one is thrown away ("marking dependent code for deoptimization, reason: weak objects" under
 * `--trace-deopt`, several hundred functions after each `gc()`). The measured phase then runs Babel and much of
 * TypeKro deoptimized: that was the "parse right after gc() costs 2x". A warm process whose GCs are V8's own
 * keeps those maps (no such deopts: checked with 6 natural major GCs; with `--retain-maps-for-n-gc=0` they
 * appear). A long-lived process that sat idle can see it too (V8's memory reducer runs memory-reducing GCs), so
 * `--gc=full` measures that state; a fresh process (a CLI's first define) is colder than both.
 */
export type GcMode = 'minor' | 'full' | 'none';

/** The mode given by `--gc=` in `argv` (default `minor`). */
export function gcMode(argv: readonly string[] = process.argv): GcMode {
  const given = argv.find((arg) => arg.startsWith('--gc='))?.slice('--gc='.length) ?? 'minor';
  if (given !== 'minor' && given !== 'full' && given !== 'none') throw new Error(`--gc=${given}: expected minor, full or none`);
  return given;
}

/** Runs the collection of `mode` (nothing without `--expose-gc`). */
export function collect(mode: GcMode): void {
  const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
  if (!gc || mode === 'none') return;
  if (mode === 'minor') gc({ type: 'minor' });
  else gc();
}
