/**
 * Deterministic YAML for compiler output: equal input gives byte-identical text. Keys keep the order they
 * were built in (callers sort where order carries no meaning), lines are never folded, repeated objects
 * are written out instead of becoming anchors, and a multi-line string containing `${` is double-quoted:
 * a block scalar would be easy to edit into one with a trailing newline, which KRO no longer treats as a
 * standalone expression. Strings that YAML 1.1 would read as something else (`n`, `on`, `0755`) are quoted.
 */
import { createRequire } from 'node:module';

// yaml is required on first use, not when the package is imported (~20 ms of a cold import); it is
// CommonJS, so this is synchronous, and Node's require cache keeps the one instance.
const require = createRequire(import.meta.url);
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/**
 * @example
 * ```ts
 * toYaml({ apiVersion: 'v1', kind: 'ConfigMap' }); // 'apiVersion: v1\nkind: ConfigMap\n'
 * ```
 */
export function toYaml(value: unknown): string {
  const { Document, isScalar, visit } = yaml();
  // YAML 1.1 rules for quoting: KRO, kubectl and the API server read YAML with go-yaml's 1.1 semantics,
  // where a plain `n`, `y`, `on` or `off` (as a key or a value) is a boolean. No directive is emitted.
  const doc = new Document(value, { aliasDuplicateObjects: false, version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${') && node.value.includes('\n')) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true });
}
