/**
 * Escape hatches for CEL the compiler cannot derive from JavaScript. The results are expression values:
 * put them in a status field, a factory argument, a template literal, a ternary, `withReadyWhen` or
 * `withIncludeWhen`. Inside a composition function their arguments are compiled from source like any other
 * JavaScript (`Cel.cond(spec.replicas > 2, 'large', 'small')` tests the spec in the cluster); the functions
 * below build the same expressions when every argument is a reference, an expression or a literal.
 */
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import { exprValue, isExprValue } from '../ir/value.js';
import { printCel } from '../compile/cel/print.js';
import { describeValue, hasMarkers, refOf, refToExpr, splitMarkers } from './refs.js';
import { TypeKroError } from '../util/errors.js';
import { javaScriptCel } from './cel-functions.js';
import { celResult, currentRun } from './run.js';
import { formatLocation, lazyUserFrames } from './call-site.js';
import { templatePieces } from '../util/template-format.js';
import { refText } from './ref-text.js';

/**
 * An expression value typed as the value it yields, so it fits wherever `T` is expected.
 *
 * @example
 * import { Cel, type CelExpression } from 'typekro';
 * const sum: CelExpression<number> = Cel.expr<number>('1 + 2');
 * typeof sum; // => 'object'
 */
export type CelExpression<T> = T & { readonly __celResult?: T };

/** Where the user called the `Cel` function (file:line:col), for errors about its arguments. */
function callerAt(): string | undefined {
  const first = lazyUserFrames()[Symbol.iterator]().next();
  return first.done ? undefined : formatLocation(first.value);
}

function partToExpr(part: unknown): Expr | undefined {
  const ref = refOf(part);
  if (ref?.root.kind === 'iterator' && !ref.root.iterator.name) currentRun()?.nameLoopsHere?.();
  if (ref) return refToExpr(ref);
  if (isExprValue(part)) return part.expr;
  return undefined;
}

/**
 * A template literal over references (`${spec.name}-x`) reaches Cel as a string with reference markers;
 * split it so the markers never land in the CEL text: literal text, and the references in it.
 */
function markerParts(text: string): (string | Expr)[] {
  return hasMarkers(text) ? splitMarkers(text).map((part) => (typeof part === 'string' ? part : refText(part))) : [text];
}

function literalText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (typeof part === 'number' || typeof part === 'boolean') return String(part);
  // A concrete run passes a spec map or list as plain data; the result is opaque CEL text there anyway.
  if (typeof part === 'object' && part !== null && currentRun()?.plainHas) return JSON.stringify(part);
  throw new TypeKroError('DEFINITION_INVALID', `Cel.expr parts must be strings, numbers, booleans, references or Cel expressions, got ${typeof part}`);
}

/** CEL text for a value: references print as their paths, strings as double-quoted literals. */
function quoted(part: unknown): string {
  const expr = partToExpr(part);
  if (expr) return printCel(expr);
  return typeof part === 'string' ? printCel(E.str(part)) : literalText(part);
}

/**
 * Escape hatches to CEL: raw expressions (`expr`, `join`), templates, conditionals and `has()` on references; and
 * functions that mean what a JavaScript expression means (`conditional`, `concat`, `size`, `min`, `max`,
 * `string`, `int`, `double`, `default`, `coalesce`, `not`), compiled as that JavaScript.
 *
 * @example
 * import { Cel } from 'typekro';
 * String(Cel.expr<number>('1 + 2')).length > 0; // => true
 */
export const Cel = {
  /**
   * Raw CEL: references become their paths, strings are pasted verbatim.
   *
   * @example
   * import { type } from 'arktype';
   * import { Cel, kubernetesComposition } from 'typekro';
   * import { Deployment } from 'typekro/simple';
   * const app = kubernetesComposition(
   *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
   *   (spec) => {
   *     const deployment = Deployment({ name: 'app', image: 'nginx', replicas: spec.replicas });
   *     return { ready: Cel.expr<boolean>(deployment.status.readyReplicas, ' >= ', spec.replicas) };
   *   },
   * );
   * app.toYaml().includes('ready: ${(deployment.status.readyReplicas) >= (schema.spec.replicas)}'); // => true
   */
  expr<T = unknown>(...parts: unknown[]): CelExpression<T> {
    const pending = currentRun()?.celPending?.(parts);
    if (pending !== undefined) return pending as CelExpression<T>;
    const exprs: Expr[] = [];
    const text = parts
      .flatMap((part) => partToExpr(part) ?? (typeof part === 'string' ? markerParts(part) : [literalText(part)]))
      .map((part) => {
        if (typeof part === 'string') return part;
        exprs.push(part);
        return `(${printCel(part)})`;
      })
      .join('');
    const roots = exprs.flatMap((expr) => referencedRoots(expr));
    // Where the call is: the graph's validation parses the text and points there when it is not CEL.
    return celResult(exprValue(E.raw(text, [...new Set(roots)], callerAt()))) as CelExpression<T>;
  },

  /**
   * Raw CEL like `expr`, with a space between the parts (the original TypeKro's `Cel.join`).
   *
   * @example
   * import { Cel } from 'typekro';
   * String(Cel.join<number>('1', '+', '2')).length > 0; // => true
   */
  join<T = unknown>(...parts: unknown[]): CelExpression<T> {
    return Cel.expr<T>(...parts.flatMap((part, i) => (i === 0 ? [part] : [' ', part])));
  },

  /**
   * A string template: each `%s` takes the next argument (references, expressions or literals); `%%` is one
   * `%`, as in Node's `util.format` (a `%` before anything else stays as it is; `%d` and other directives are refused).
   *
   * @example
   * import { type } from 'arktype';
   * import { Cel, kubernetesComposition } from 'typekro';
   * import { Service } from 'typekro/simple';
   * const app = kubernetesComposition(
   *   { name: 'app', kind: 'App', spec: type({ port: 'number.integer' }), status: type({ url: 'string' }) },
   *   (spec) => {
   *     const service = Service({ name: 'app', selector: { app: 'app' }, ports: [{ port: spec.port }] });
   *     return { url: Cel.template('https://%s:%s', service.spec.clusterIP, spec.port) };
   *   },
   * );
   * app.toYaml().includes('url: https://${string(service.spec.clusterIP)}:${string(schema.spec.port)}'); // => true
   */
  template(format: string, ...args: unknown[]): CelExpression<string> {
    const checked = templatePieces(format, args.length);
    if ('problem' in checked) {
      throw new TypeKroError('DEFINITION_INVALID', `${callerAt() ?? '<unknown location>'}: Cel.template(${describeValue(format)}) ${checked.problem}\n  hint: ${checked.hint}`);
    }
    const { pieces } = checked;
    const pending = currentRun()?.celPending?.(args);
    if (pending !== undefined) return pending as CelExpression<string>;
    const parts: (string | Expr)[] = [];
    const push = (text: string) => parts.push(...markerParts(text).map((part) => (typeof part === 'string' ? part : E.call('string', [part]))));
    pieces.forEach((piece, i) => {
      if (piece) push(piece);
      if (i < args.length) {
        const expr = partToExpr(args[i]);
        if (expr) parts.push(E.call('string', [expr]));
        else push(String(args[i]));
      }
    });
    return celResult(exprValue(E.template(parts))) as CelExpression<string>;
  },

  /**
   * `cond ? a : b` with literal branches quoted.
   *
   * @example
   * import { type } from 'arktype';
   * import { Cel, kubernetesComposition } from 'typekro';
   * import { ConfigMap } from 'typekro/simple';
   * const app = kubernetesComposition(
   *   { name: 'app', kind: 'App', spec: type({ prod: 'boolean' }), status: type({ name: 'string' }) },
   *   (spec) => {
   *     const sizing = ConfigMap({ name: 'sizing', data: { size: Cel.cond(spec.prod, 'large', 'small') } });
   *     return { name: sizing.metadata.name };
   *   },
   * );
   * app.toYaml().includes(`size: '\${schema.spec.prod ? "large" : "small"}'`); // => true
   */
  cond<T>(condition: unknown, whenTrue: T, whenFalse: T): CelExpression<T> {
    // A concrete run has the condition's value: CEL's `?:` on a bool picks a branch.
    // Any plain value is tested as JavaScript tests it, as the compiled form does (`spec.i != 0 ? ...`; trial 7 V10).
    const plain = condition === null || (typeof condition !== 'object' && typeof condition !== 'function');
    if (plain && currentRun()?.plainHas) return (condition ? whenTrue : whenFalse) as CelExpression<T>;
    const pending = currentRun()?.celPending?.([condition, whenTrue, whenFalse]);
    if (pending !== undefined) return pending as CelExpression<T>;
    return Cel.expr<T>(quoted(condition), ' ? ', quoted(whenTrue), ' : ', quoted(whenFalse));
  },

  /**
   * `has(path)`: true when the referenced field is present.
   *
   * @example
   * import { type } from 'arktype';
   * import { Cel, kubernetesComposition } from 'typekro';
   * const app = kubernetesComposition(
   *   { name: 'app', kind: 'App', spec: type({ 'hostname?': 'string' }), status: type({ named: 'boolean' }) },
   *   (spec) => ({ named: Cel.has(spec.hostname) }),
   * );
   * app.toYaml().includes('named: ${has(schema.spec.hostname)}'); // => true
   */
  has(reference: unknown): CelExpression<boolean> {
    const ref = refOf(reference);
    const run = currentRun();
    if (!ref && run?.plainHas) return run.plainHas(reference) as CelExpression<boolean>;
    if (!ref) throw new TypeKroError('DEFINITION_INVALID', 'Cel.has() takes a reference, e.g. Cel.has(spec.hostname)');
    return celResult(exprValue(E.call('has', [refToExpr(ref)]))) as CelExpression<boolean>;
  },

  ...javaScriptCel,
};
