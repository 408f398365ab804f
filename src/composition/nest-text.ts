/**
 * A nested composition's text fields bounded by a pattern or an enumeration (`v: /^[ -~]*$/`): the child was
 * compiled once, trusting that bound (analysis/text-alphabet.ts: `toUpperCase()` is `upperAscii()`, `length`
 * is `size()`, `trim()` is CEL's), as the API server enforces it on an instance of its own. Inlined, nothing
 * checks what the parent passes, so text with wider characters (a plain `'string'` field, a literal such as
 * 'straße') would make the child's CEL differ from JavaScript (trial 20 F1). The definition fails instead,
 * naming the child's field, its bound, the parent's value and the way out.
 */
import type { Expr } from '../ir/expr.js';
import type { SourceLocation } from '../ir/graph.js';
import type { SchemaNode } from '../ir/schema.js';
import { fieldOf, type CelType } from '../ir/types.js';
import { isExprValue, type Value } from '../ir/value.js';
import { formatLocation } from '../model/call-site.js';
import { schemaToCelType } from '../model/schema/index.js';
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import { ANY_CHAR, highestChar } from '../analysis/text-alphabet.js';
import { highestOf } from '../util/highest-char.js';
import { TypeKroError } from '../util/errors.js';

/** Where the call is and whose spec it fills: `nested composition "child"`. */
export interface TextSite {
  readonly owner: string;
  readonly at?: SourceLocation;
  readonly typeOf: (expr: Expr) => CelType | undefined;
}

/** Fails the definition where `value` (what the parent passes at `path`) may hold text outside the child's `node`. */
export function checkPassedText(value: Value | undefined, node: SchemaNode | undefined, site: TextSite, path: readonly string[] = []): void {
  if (value === undefined || value === null || !node || !boundedBelow(node)) return;
  if (typeof value === 'string') {
    if (node.kind === 'string' && !admits(node, value)) throw refusal(site, path, node, JSON.stringify(value), 'which it does not admit', 'pass text the pattern admits');
    return;
  }
  if (isExprValue(value)) {
    const wider = node.kind === 'string' ? (textHighest(value.expr, site.typeOf) > bound(node) ? [] : undefined) : widerIn(site.typeOf(value.expr), node);
    if (!wider) return;
    const at = [...path, ...wider];
    const inner = nodeAt(node, wider)!;
    const written = printAsJavaScript(value.expr);
    // The parent's own spec field can be declared so; other text (a resource's field, a status) cannot be bounded there.
    const same = inner.markers.pattern !== undefined ? `pattern (/${inner.markers.pattern}/)` : 'values';
    const way = /^spec\.[\w.]+$/.test(written) ? `declare the parent's field with the same ${same}` : `pass text bounded as the child's field is (a spec field of the parent declared with the same ${same})`;
    throw refusal(site, at, inner, written.startsWith('`') ? written : `\`${written}\``, 'text that may hold characters outside it', way);
  }
  if (Array.isArray(value)) {
    if (node.kind === 'array') value.forEach((item: Value, i) => checkPassedText(item, node.items, site, [...path, String(i)]));
    return;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, Value>)) {
      const field = node.kind === 'struct' ? node.fields[key] : node.kind === 'map' ? node.values : undefined;
      checkPassedText(item, field, site, [...path, key]);
    }
  }
}

/** The highest character a string field admits (its pattern's or its enumeration's). */
function bound(node: SchemaNode): number {
  return highestChar(schemaToCelType(node));
}

/** True when a text field at or below `node` is bounded. */
function boundedBelow(node: SchemaNode): boolean {
  switch (node.kind) {
    case 'string':
      return bound(node) < ANY_CHAR;
    case 'array':
      return boundedBelow(node.items);
    case 'map':
      return boundedBelow(node.values);
    case 'struct':
      return Object.values(node.fields).some(boundedBelow);
    default:
      return false;
  }
}

/** A literal the field admits: its pattern matches (when JavaScript reads it alike), and its characters are in the bound. */
function admits(node: SchemaNode, text: string): boolean {
  if (highestOf(text) > bound(node)) return false;
  const { pattern } = node.markers;
  if (pattern === undefined) return true;
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    // A pattern in RE2's syntax only (`(?i)...`): the alphabet is what the child's compilation relies on.
    return true;
  }
}

/** The highest character of a passed text expression: its literal parts', its values' types'. */
function textHighest(expr: Expr, typeOf: TextSite['typeOf']): number {
  if (expr.kind === 'literal') return expr.literal.kind === 'string' ? highestOf(expr.literal.value) : ANY_CHAR;
  if (expr.kind === 'conditional') return Math.max(textHighest(expr.then, typeOf), textHighest(expr.otherwise, typeOf));
  if (expr.kind === 'template') return Math.max(0, ...expr.parts.map((part) => (typeof part === 'string' ? highestOf(part) : textHighest(part, typeOf))));
  if (expr.kind === 'call' && expr.fn === 'string' && !expr.target && expr.args.length === 1) {
    const type = typeOf(expr.args[0]!);
    if (type) return highestChar(type);
  }
  const type = typeOf(expr);
  return type ? highestChar(type) : ANY_CHAR;
}

/** The path below `node` of a text field the parent's `type` (undefined: not known) may hold wider text in. */
function widerIn(type: CelType | undefined, node: SchemaNode): string[] | undefined {
  if (!boundedBelow(node)) return undefined;
  if (node.kind === 'string') return (type ? highestChar(type) : ANY_CHAR) > bound(node) ? [] : undefined;
  if (node.kind === 'array') {
    const below = widerIn(type?.kind === 'list' ? type.item : undefined, node.items);
    return below && ['[]', ...below];
  }
  if (node.kind === 'map') {
    const below = widerIn(type?.kind === 'map' ? type.value : undefined, node.values);
    return below && ['[]', ...below];
  }
  if (node.kind !== 'struct') return undefined;
  for (const [key, field] of Object.entries(node.fields)) {
    // A field the parent's object does not have is the child's default (a literal the child declared).
    const declared = type?.kind === 'object' ? fieldOf(type, key) : undefined;
    if (type?.kind === 'object' && !type.open && !declared) continue;
    const below = widerIn(declared?.type, field);
    if (below) return [key, ...below];
  }
  return undefined;
}

function nodeAt(node: SchemaNode, path: readonly string[]): SchemaNode | undefined {
  let current: SchemaNode | undefined = node;
  for (const segment of path) {
    current = current?.kind === 'struct' ? current.fields[segment] : current?.kind === 'array' ? current.items : current?.kind === 'map' ? current.values : undefined;
  }
  return current;
}

function refusal(site: TextSite, path: readonly string[], node: SchemaNode, passed: string, what: string, way: string): TypeKroError {
  const field = `spec.${path.join('.')}`.replace(/\.\[\]/g, '[]').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const { pattern, enum: values } = node.markers;
  const declared = pattern !== undefined ? `the pattern /${pattern}/` : `the values ${(values ?? []).map((v) => JSON.stringify(v)).join(' | ')}`;
  const where = site.at ? `${formatLocation(site.at)}: ` : '';
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${where}${site.owner}: its spec field ${field} is declared with ${declared}, and the parent passes ${passed}, ${what}. The child's text methods (toUpperCase, length, trim, ...) were compiled for the characters it admits, and would differ from JavaScript on other text\n  hint: ${way}, or declare the child's field a plain 'string'`,
  );
}
