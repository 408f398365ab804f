/**
 * A floating-point value written into an integer field of a manifest (`replicas`, a container port).
 * JavaScript sends the value as it is (`1.25`), which the API server refuses; CEL could only truncate it
 * (`int(1.25)` is 1) and deploy something other than what the code says. So the definition fails, naming
 * the field, the value as written and where it is used, with the two ways out.
 */
import type { Node } from '@babel/types';
import { CompositionSyntaxError } from '../analysis/errors.js';
import { locationOf, snippetOf } from '../analysis/source.js';
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import type { Expr } from '../ir/expr.js';
import type { SourceLocation } from '../ir/graph.js';
import { describeRef, type RefData } from '../model/refs.js';

/** What is known about the double value: the reference it is (if one), its source node, its CEL. */
export interface DoubleSource {
  readonly ref?: RefData;
  readonly node?: Node;
  readonly expr: Expr;
}

/**
 * The definition error for a double reaching an integer field at `path` of `owner` (`resource "web"`).
 * `fallback` is where the value's call is when its own source is unknown (the factory call).
 */
export function doubleInIntegerField(owner: string, path: readonly string[], value: DoubleSource, fallback?: SourceLocation): CompositionSyntaxError {
  const location = (value.node && locationOf(value.node)) ?? fallback;
  const where = location ? `${location.file}:${location.line}:${location.column}: ` : '';
  const written = value.node ? snippetOf(value.node) : value.ref ? describeRef(value.ref) : printAsJavaScript(value.expr);
  const field = fieldPath(path);
  const fromSpec = value.ref?.root.kind === 'schema' && value.ref.path[0] === 'spec';
  const named = value.ref && describeRef(value.ref) !== written ? ` (${describeRef(value.ref)})` : '';
  const what = fromSpec ? `a spec field${named} of type 'number' (floating point)` : 'a floating-point number';
  const why =
    `${owner}: the integer field ${field} is set to \`${written}\`, ${what}. ` +
    'JavaScript would send a fraction such as 1.25 as it is, which the API server refuses; CEL would truncate it to 1';
  const hint = fromSpec
    ? `declare the spec field an integer ('number.integer', with bounds 'number.integer >= 0'), or convert it explicitly with Math.trunc(${written})`
    : `convert it explicitly with Math.trunc(${written}) (Math.trunc(a / b) is integer division), or compute it from integers only (spec fields 'number.integer')`;
  return new CompositionSyntaxError(`${where}${why}\n    ${written}\n  hint: ${hint}`, location, written, hint);
}

/**
 * The definition error for a fraction JavaScript computed without any reference (`replicas: 3 * 0.5`) in an
 * integer field: the manifest would hold 1.5, which the API server refuses in both modes.
 */
export function fractionInIntegerField(owner: string, path: readonly string[], value: number, at?: SourceLocation): CompositionSyntaxError {
  const where = at ? `${at.file}:${at.line}:${at.column}: ` : '';
  const field = fieldPath(path);
  const hint = `write an integer there (e.g. ${Math.trunc(value)}), or compute it with Math.trunc(...) / Math.round(...) in JavaScript`;
  return new CompositionSyntaxError(
    `${where}${owner}: the integer field ${field} is ${value}, a fraction, which the API server refuses there\n  hint: ${hint}`,
    at,
    String(value),
    hint,
  );
}

/** `spec.template.spec.containers[0].ports[0].containerPort`. */
export function fieldPath(path: readonly string[]): string {
  return path.reduce((text, segment) => (/^\d+$/.test(segment) ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}
