/**
 * TypeKro's own files: its `src/` and `dist/` trees. Stack frames there are TypeKro's, not the user's, and
 * the compiler treats an import that lands there like an import of the package (it never inlines TypeKro).
 */
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file is <package>/src/util or <package>/dist/util. Both trees count as TypeKro's own: an installed
// package's dist files carry source maps, so its stack frames may be reported at <package>/src paths.
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The two trees, each ending with the path separator. */
export const OWN_TREES: readonly string[] = [join(packageRoot, 'src') + sep, join(packageRoot, 'dist') + sep];

/**
 * True for a path inside TypeKro's own `src/` or `dist/` tree.
 *
 * @example
 * ```ts
 * isOwnSource('/home/me/app/web.ts'); // false
 * ```
 */
export function isOwnSource(file: string): boolean {
  return OWN_TREES.some((tree) => file.startsWith(tree));
}
