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
 *
 * A list field's minimum length (`'string[] >= 2'`) is the other bound the child trusts: `spec.items[1]` reads
 * without a guard there (analysis/compile-index.ts), and errors in CEL on a shorter list the parent passes
 * where JavaScript reads `undefined`. A list that may be shorter is refused the same way.
 */
import type { Expr } from '../ir/expr.js';
import type { SourceLocation } from '../ir/graph.js';
import type { SchemaNode } from '../ir/schema.js';
import { fieldOf, type CelType } from '../ir/types.js';
import { exprValue, isExprValue, type Value } from '../ir/value.js';
import { formatLocation } from '../model/call-site.js';
import { schemaToCelType } from '../model/schema/index.js';
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import { ANY_CHAR, ASCII, highestChar, textClass, textClassName } from '../analysis/text-alphabet.js';
import { highestOf } from '../util/highest-char.js';
import { CompositionSyntaxError } from '../analysis/errors.js';

/** Where the call is and whose spec it fills: `nested composition "child"`. */
export interface TextSite {
  readonly owner: string;
  readonly at?: SourceLocation;
  readonly typeOf: (expr: Expr) => CelType | undefined;
}

/** A passed value outside a bound of the field it fills: where below the value, and the field's schema. */
interface Wider {
  readonly path: readonly string[];
  readonly field: SchemaNode;
}

/** The values an enumerated text field admits, or undefined. */
function enumerated(node: SchemaNode): readonly string[] | undefined {
  const type = node.kind === 'string' ? schemaToCelType(node) : undefined;
  return type?.kind === 'string' ? type.values : undefined;
}

/** True when every value of `passed` (undefined: not known) is one of `values`. */
function within(passed: readonly string[] | undefined, values: readonly string[]): boolean {
  return passed !== undefined && passed.every((value) => values.includes(value));
}

/**
 * Fails the definition where `value` (what the parent passes at `path`) may break a bound the child's `node`
 * was compiled for: text of a wider class or outside its values, a list shorter than its minimum, or null.
 */
export function checkPassedBounds(value: Value | undefined, node: SchemaNode | undefined, site: TextSite, path: readonly string[] = []): void {
  if (value === null && node && node.kind !== 'object') throw nullRefusal(site, path);
  if (value === undefined || value === null || !node) return;
  if (typeof value === 'object' && !isExprValue(value)) return checkPassedParts(value, node, site, path);
  if (!boundedBelow(node)) return;
  if (typeof value === 'string') {
    const values = enumerated(node);
    const outside = values ? !values.includes(value) : node.kind === 'string' && textClass(highestOf(value)) > fieldClass(node);
    if (outside) throw refusal(site, path, { path: [], field: node }, JSON.stringify(value), 'holds');
    return;
  }
  if (isExprValue(value)) {
    const wider = node.kind === 'string' ? widerText(value.expr, node, site.typeOf) : node.kind === 'array' && value.expr.kind === 'list' ? undefined : widerIn(site.typeOf(value.expr), node);
    if (wider) throw refusal(site, path, wider, quoted(value.expr));
    // A list literal of expressions: its length is known, its items are checked one by one.
    if (value.expr.kind === 'list' && node.kind === 'array') checkPassedBounds(value.expr.items.map(exprValue), node, site, path);
    return;
  }
}

/** A literal list or object the parent passes: each item and field against the child's, a list's length too. */
function checkPassedParts(value: object, node: SchemaNode, site: TextSite, path: readonly string[]): void {
  if (Array.isArray(value)) {
    if (node.kind !== 'array') return;
    if (value.length < minItems(node)) throw refusal(site, path, { path: [], field: node }, `a list of ${value.length}`);
    value.forEach((item: Value, i) => checkPassedBounds(item, node.items, site, [...path, String(i)]));
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, Value>)) {
    const field = node.kind === 'struct' ? node.fields[key] : node.kind === 'map' ? node.values : undefined;
    checkPassedBounds(item, field, site, [...path, key]);
  }
}

/**
 * A child's typed field given `null`: JavaScript hands the child null as it is (`${spec.replicas}` is "null",
 * `spec.opt === undefined` is false), while an instance's null is an absent field (the API server prunes it and
 * fills the default), as the inlined CEL reads it.
 */
function nullRefusal(site: TextSite, path: readonly string[]): CompositionSyntaxError {
  const field = `spec.${path.join('.')}`.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const where = site.at ? `${formatLocation(site.at)}: ` : '';
  const way = "pass undefined, or leave the field out, where you mean the child's default or an absent field";
  return new CompositionSyntaxError(
    `${where}${site.owner}: its spec field ${field} is given null. JavaScript passes null to the child as it is (\`\${x}\` is "null", \`x === undefined\` is false), while a null field of an instance is an absent one (the API server drops it and fills the default)\n  hint: ${way}`,
    site.at,
    'null',
    way,
  );
}

/** The alphabet class of what a string field admits (its pattern's or its enumeration's). */
function fieldClass(node: SchemaNode): number {
  return textClass(highestChar(schemaToCelType(node)));
}

/** The fewest items a list field admits. */
function minItems(node: SchemaNode): number {
  return node.markers.minItems ?? 0;
}

function quoted(expr: Expr): string {
  const written = printAsJavaScript(expr);
  return written.startsWith('`') ? written : `\`${written}\``;
}

/** True when a field at or below `node` is bounded in a way the child's compilation may rely on. */
function boundedBelow(node: SchemaNode): boolean {
  switch (node.kind) {
    case 'string':
      return enumerated(node) !== undefined || fieldClass(node) < textClass(ANY_CHAR);
    case 'array':
      return minItems(node) > 0 || boundedBelow(node.items);
    case 'map':
      return boundedBelow(node.values);
    case 'struct':
      return Object.values(node.fields).some(boundedBelow);
    default:
      return false;
  }
}

function widerText(expr: Expr, node: SchemaNode, typeOf: TextSite['typeOf']): Wider | undefined {
  return outsideText(node, () => passedValues(expr, typeOf), () => textHighest(expr, typeOf));
}

/** A string field given text of other values (an enumeration) or of a wider class (a pattern) than it admits. */
function outsideText(node: SchemaNode, passed: () => readonly string[] | undefined, highest: () => number): Wider | undefined {
  const values = enumerated(node);
  const outside = values ? !within(passed(), values) : textClass(highest()) > fieldClass(node);
  return outside ? { path: [], field: node } : undefined;
}

/** The values a passed text expression may have, where they are known: a literal, a choice of them, an enumeration's read. */
function passedValues(expr: Expr, typeOf: TextSite['typeOf']): readonly string[] | undefined {
  const type = typeOf(expr);
  if (type?.kind === 'string' && type.values) return type.values;
  if (expr.kind === 'literal') return expr.literal.kind === 'string' ? [expr.literal.value] : undefined;
  if (expr.kind !== 'conditional') return undefined;
  const [then, otherwise] = [passedValues(expr.then, typeOf), passedValues(expr.otherwise, typeOf)];
  return then && otherwise && [...then, ...otherwise];
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
  return ANY_CHAR;
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
  if (node.kind === 'string') return outsideText(node, () => (type?.kind === 'string' ? type.values : undefined), () => (type ? highestChar(type) : ANY_CHAR));
  if (node.kind === 'array' && (type?.kind === 'list' ? type.minItems ?? 0 : 0) < minItems(node)) return { path: [], field: node };
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

function refusal(site: TextSite, path: readonly string[], wider: Wider, passed: string, holds = 'may hold'): CompositionSyntaxError {
  const field = `spec.${[...path, ...wider.path].join('.')}`.replace(/\.\[\]/g, '[]').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const where = site.at ? `${formatLocation(site.at)}: ` : '';
  const values = enumerated(wider.field);
  const { why, way } = wider.field.kind === 'array' ? shortList(field, wider.field, passed) : values ? otherValues(field, values, passed, holds) : widerAlphabet(field, wider.field, passed, holds);
  return new CompositionSyntaxError(`${where}${site.owner}: ${why}\n  hint: ${way}`, site.at, passed, way);
}

/** Why a passed value is refused, and the way out. */
interface Refusal {
  readonly why: string;
  readonly way: string;
}

function otherValues(field: string, values: readonly string[], passed: string, holds: string): Refusal {
  const listed = values.map((v) => JSON.stringify(v)).join(' | ');
  const way = /^`spec\.[\w.]+`$/.test(passed) ? `declare the parent's field with these values (or some of them)` : `pass one of ${listed}`;
  const what = holds === 'holds' ? 'which is not one of them' : 'which may be other text (a cast with `as` does not change the value)';
  return { why: `its spec field ${field} is declared with the values ${listed}, and the parent passes ${passed}, ${what}. The child was compiled for those values only (a lookup by it, its characters), and would differ from JavaScript on other text`, way: `${way}, or declare the child's field a plain 'string'` };
}

function widerAlphabet(field: string, node: SchemaNode, passed: string, holds: string): Refusal {
  const { pattern } = node.markers;
  const alphabet = textClassName(fieldClass(node));
  const declared = pattern !== undefined ? `the pattern /${pattern}/` : 'a type';
  const same = `a pattern of ${alphabet} characters${pattern !== undefined ? ` (the child's /${pattern}/ will do)` : ''}`;
  const way = /^`spec\.[\w.]+`$/.test(passed)
    ? `declare the parent's field with ${same}`
    : passed.startsWith('"') ? `pass text of ${alphabet} characters only` : `pass text of ${alphabet} characters only (a spec field of the parent declared with ${same}, or a literal)`;
  return {
    why: `its spec field ${field} is declared with ${declared}, whose characters are ${alphabet}, and the parent passes ${passed}, which ${holds} characters outside ${alphabet}. The child's text methods (toUpperCase, length, trim, ...) were compiled for the characters its field admits, and would differ from JavaScript on wider text`,
    way: `${way}, or declare the child's field a plain 'string'`,
  };
}

const ITEM_SYNTAX: Partial<Record<SchemaNode['kind'], string>> = { string: 'string', integer: 'number.integer', float: 'number', boolean: 'boolean' };

function shortList(field: string, node: Extract<SchemaNode, { kind: 'array' }>, passed: string): Refusal {
  const least = minItems(node);
  const item = ITEM_SYNTAX[node.items.kind];
  const syntax = item ? `\`'${item}[] >= ${least}'\`` : `\`.array().atLeastLength(${least})\``;
  const literal = !passed.startsWith('`');
  const way = literal
    ? `pass at least ${least} items`
    : /^`spec\.[\w.]+`$/.test(passed)
      ? `declare the parent's field with the same minimum length (arktype: ${syntax})`
      : `pass a list of at least ${least} items (a spec field of the parent declared with the same minimum length, or a literal)`;
  return {
    why: `its spec field ${field} is declared with at least ${least} items, and the parent passes ${passed}${literal ? '' : ', which may hold fewer'}. The child reads its first ${least} items without a guard, which fails in CEL on a shorter list where JavaScript reads \`undefined\``,
    way: `${way}, or drop the minimum length from the child's field`,
  };
}
