/**
 * Base class of every error TypeKro throws on purpose. Subclasses carry the data a caller needs to react
 * (a field path, a resource id) and a message that says what to change.
 *
 * @example
 * ```ts
 * try { compileRgd(graph); } catch (e) { if (e instanceof TypeKroError) console.error(e.message); }
 * ```
 */
export class TypeKroError extends Error {
  override name = 'TypeKroError';
}
