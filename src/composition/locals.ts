/**
 * Local constants of the composition function (`const url = \`http://${svc.spec.clusterIP}\``) as
 * compiler bindings: a later expression that reads `url` means the expression it was initialised with.
 */
import type { Node, VariableDeclarator } from '@babel/types';
import { walk } from '../analysis/ast.js';
import type { Binding, Scope } from '../analysis/scope.js';
import { compileValueNode, isPlainRead, mentionsBindings, readsFromSource } from './compile-node.js';
import type { CompositionSource } from './source-site.js';

export function localsScope(source: CompositionSource | undefined, base: Scope): Scope {
  if (!source) return base;
  const declarations = constDeclarations(source);
  const cache = new Map<string, Binding | undefined>();
  const resolving = new Set<string>();
  const scope: Scope = {
    lookup(name) {
      const bound = base.lookup(name);
      if (bound) return bound;
      if (cache.has(name)) return cache.get(name);
      const init = declarations.get(name);
      if (!init || resolving.has(name)) return undefined;
      resolving.add(name);
      try {
        const binding = bindingOf(init, scope);
        cache.set(name, binding);
        return binding;
      } finally {
        resolving.delete(name);
      }
    },
  };
  return scope;
}

/**
 * Only initialisers over references become bindings; plain JavaScript values keep their run-time value.
 * An initialiser JavaScript could not evaluate exactly (`spec.dns.split('.')`, `spec.n + 1`) makes every
 * read of the name compiled from source (`parts[0]`, `parts.length`).
 */
function bindingOf(init: Node, scope: Scope): Binding | undefined {
  if (!mentionsBindings(init, scope)) return undefined;
  try {
    const compiled = compileValueNode(init, scope);
    return { kind: 'value', expr: compiled.expr, type: compiled.type, ...((!isPlainRead(init) || readsFromSource(init, scope)) && { fromSource: true as const }) };
  } catch {
    // Not compilable as a whole (e.g. a helper call): reads of it stay JavaScript values.
    return undefined;
  }
}

const declarationsCache = new WeakMap<Node, Map<string, Node>>();

/** `const` declarations with a single plain name, in the composition function itself (not nested functions). */
function constDeclarations(source: CompositionSource): Map<string, Node> {
  const cached = declarationsCache.get(source.fn);
  if (cached) return cached;
  const found = new Map<string, Node>();
  const shadowed = new Set<string>();
  walk(source.fn.body, (node) => {
    if (node !== source.fn.body && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration')) return false;
    if (node.type !== 'VariableDeclaration') return true;
    for (const declarator of node.declarations as VariableDeclarator[]) {
      if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
      const name = declarator.id.name;
      if (node.kind !== 'const' || found.has(name)) shadowed.add(name);
      else found.set(name, declarator.init);
    }
    return true;
  });
  for (const name of shadowed) found.delete(name);
  declarationsCache.set(source.fn, found);
  return found;
}
