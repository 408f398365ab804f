/**
 * A nested composition's text fields bounded by a pattern or an enumeration (`v: /^[ -~]*$/`): the child was
 * compiled once, trusting that bound (analysis/text-alphabet.ts: `toUpperCase()` is `upperAscii()` on ASCII,
 * `trim()` is CEL's below U+0085, `length` is `size()` in the Basic Multilingual Plane), as the API server
 * enforces it on an instance of its own. Inlined, nothing checks what the parent passes, so text of a wider
 * alphabet class ('straße' for an ASCII field) would make the child's CEL differ from JavaScript (trial 20 F1).
 * The definition fails instead, naming the child's field, its bound, the parent's value and the way out.
 *
 * Only the alphabet class matters ({@link textClass}): the child's CEL is exact on any text of its field's class
 * or a lower one, whether or not the pattern matches it (JavaScript never checks the pattern either).
 */
import type { Expr } from '../ir/expr.js';
import type { SourceLocation } from '../ir/graph.js';
import type { SchemaNode } from '../ir/schema.js';
import { fieldOf, type CelType } from '../ir/types.js';
import { isExprValue, type Value } from '../ir/value.js';
import { formatLocation } from '../model/call-site.js';
import { schemaToCelType } from '../model/schema/index.js';
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import { ANY_CHAR, ASCII, highestChar, textClass, textClassName } from '../analysis/text-alphabet.js';
import { highestOf } from '../util/highest-char.js';
import { TypeKroError } from '../util/errors.js';

/** Where the call is and whose spec it fills: `nested composition "child"`. */
export interface TextSite {
  readonly owner: string;
  readonly at?: SourceLocation;
  readonly typeOf: (expr: Expr) => CelType | undefined;
}

/** A passed value of a wider class than the field it fills: where below the value, and the field's schema. */
interface Wider {
  readonly path: readonly string[];
  readonly field: SchemaNode;
}

/** Fails the definition where `value` (what the parent passes at `path`) may hold text of a wider class than the child's `node`. */
export function checkPassedText(value: Value | undefined, node: SchemaNode | undefined, site: TextSite, path: readonly string[] = []): void {
  if (value === undefined || value === null || !node || !boundedBelow(node)) return;
  if (typeof value === 'string') {
    const passed = textClass(highestOf(value));
    if (node.kind === 'string' && passed > fieldClass(node)) throw refusal(site, path, { path: [], field: node }, JSON.stringify(value), 'holds');
    return;
  }
  if (isExprValue(value)) {
    const wider = node.kind === 'string' ? widerText(value.expr, node, site.typeOf) : widerIn(site.typeOf(value.expr), node);
    if (!wider) return;
    const written = printAsJavaScript(value.expr);
    throw refusal(site, path, wider, written.startsWith('`') ? written : `\`${written}\``);
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

/** The alphabet class of what a string field admits (its pattern's or its enumeration's). */
function fieldClass(node: SchemaNode): number {
  return textClass(highestChar(schemaToCelType(node)));
}

/** True when a text field at or below `node` is bounded to a class the child's compilation may rely on. */
function boundedBelow(node: SchemaNode): boolean {
  switch (node.kind) {
    case 'string':
      return fieldClass(node) < textClass(ANY_CHAR);
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

function widerText(expr: Expr, node: SchemaNode, typeOf: TextSite['typeOf']): Wider | undefined {
  const passed = textClass(textHighest(expr, typeOf));
  return passed > fieldClass(node) ? { path: [], field: node } : undefined;
}

/**
 * The highest character of a passed text expression: its literal parts', its values' types' (a number or a
 * boolean made text is ASCII), or any character where nothing tells.
 */
function textHighest(expr: Expr, typeOf: TextSite['typeOf']): number {
  // The compiler's own type of what it compiled comes first; the parts of an expression are seldom typed.
  const type = typeOf(expr);
  if (type) return highestChar(type);
  switch (expr.kind) {
    case 'literal':
      return expr.literal.kind === 'string' ? highestOf(expr.literal.value) : ASCII;
    case 'conditional':
      return Math.max(textHighest(expr.then, typeOf), textHighest(expr.otherwise, typeOf));
    case 'template':
      return Math.max(0, ...expr.parts.map((part) => (typeof part === 'string' ? highestOf(part) : textHighest(part, typeOf))));
    case 'binary':
      if (expr.op === '+') return Math.max(textHighest(expr.left, typeOf), textHighest(expr.right, typeOf));
      break;
    case 'call':
      if (expr.fn === 'string' && !expr.target && expr.args.length === 1) return valueHighest(expr.args[0]!, typeOf);
      if (expr.fn === 'join' && expr.target) return Math.max(itemHighest(expr.target, typeOf), ...expr.args.map((arg) => textHighest(arg, typeOf)));
      break;
  }
  return valueHighest(expr, typeOf);
}

/** The highest character of a value's text, from its type. */
function valueHighest(expr: Expr, typeOf: TextSite['typeOf']): number {
  const type = typeOf(expr);
  return type ? highestChar(type) : ANY_CHAR;
}

/** The highest character of the text of a list's items (a join). */
function itemHighest(list: Expr, typeOf: TextSite['typeOf']): number {
  if (list.kind === 'list') return Math.max(0, ...list.items.map((item) => textHighest(item, typeOf)));
  const type = typeOf(list);
  return type?.kind === 'list' ? highestChar(type.item) : ANY_CHAR;
}

/** Where below `node` the parent's `type` (undefined: not known) may hold text of a wider class. */
function widerIn(type: CelType | undefined, node: SchemaNode): Wider | undefined {
  if (!boundedBelow(node)) return undefined;
  if (node.kind === 'string') {
    const passed = textClass(type ? highestChar(type) : ANY_CHAR);
    return passed > fieldClass(node) ? { path: [], field: node } : undefined;
  }
  if (node.kind === 'array' || node.kind === 'map') {
    const inner = node.kind === 'array' ? (type?.kind === 'list' ? type.item : undefined) : type?.kind === 'map' ? type.value : undefined;
    const below = widerIn(inner, node.kind === 'array' ? node.items : node.values);
    return below && { ...below, path: ['[]', ...below.path] };
  }
  if (node.kind !== 'struct') return undefined;
  for (const [key, field] of Object.entries(node.fields)) {
    // A field the parent's object does not have is the child's default (a literal the child declared).
    const declared = type?.kind === 'object' ? fieldOf(type, key) : undefined;
    if (type?.kind === 'object' && !type.open && !declared) continue;
    const below = widerIn(declared?.type, field);
    if (below) return { ...below, path: [key, ...below.path] };
  }
  return undefined;
}

function refusal(site: TextSite, path: readonly string[], wider: Wider, passed: string, holds = 'may hold'): TypeKroError {
  const field = `spec.${[...path, ...wider.path].join('.')}`.replace(/\.\[\]/g, '[]').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const { pattern, enum: values } = wider.field.markers;
  const alphabet = textClassName(fieldClass(wider.field));
  const declared = pattern !== undefined ? `the pattern /${pattern}/` : `the values ${(values ?? []).map((v) => JSON.stringify(v)).join(' | ')}`;
  const same = pattern !== undefined ? `a pattern of ${alphabet} characters (the child's /${pattern}/ will do)` : 'the same values';
  const way = /^`spec\.[\w.]+`$/.test(passed)
    ? `declare the parent's field with ${same}`
    : passed.startsWith('"') ? `pass text of ${alphabet} characters only` : `pass text of ${alphabet} characters only (a spec field of the parent declared with ${same}, or a literal)`;
  const where = site.at ? `${formatLocation(site.at)}: ` : '';
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${where}${site.owner}: its spec field ${field} is declared with ${declared}, whose characters are ${alphabet}, and the parent passes ${passed}, which ${holds} characters outside ${alphabet}. The child's text methods (toUpperCase, length, trim, ...) were compiled for the characters its field admits, and would differ from JavaScript on wider text\n  hint: ${way}, or declare the child's field a plain 'string'`,
  );
}
