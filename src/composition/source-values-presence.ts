/**
 * Where a value computed from spec or cluster data lands in a manifest field that JavaScript may leave
 * `undefined`. A factory's option is compiled to what the factory makes of `undefined` (absent-options.ts);
 * spec data the instance left out is otherwise refused here (KRO would wait for it forever, a read of it
 * being pending), naming the field and the default that fixes it.
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { syntaxError } from '../analysis/errors.js';
import { mentionsReferences } from '../analysis/mentions.js';
import type { Scope } from '../analysis/scope.js';
import { hasMarkers, refOf, splitMarkers, type RefData } from '../model/refs.js';
import { E, type Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import type { ExprValue } from '../ir/value.js';
import { operandOf, snippetOf } from '../analysis/source.js';
import { awaitedSpecData, indexOf, withGuards } from '../analysis/absent-spec.js';
import { indexedList } from '../analysis/synthesized.js';
import { compileValueNode } from './compile-node.js';
import type { AbsentOption } from './absent-options.js';

/** Where a factory argument lands: its option path, and the conditions known to hold there. */
export interface ManifestField {
  readonly path: readonly string[];
  /**
   * The `&&` terms of the conditions around the call (`if (spec.host) ...`): presence tests they imply
   * (`has(read)`, `size(list) > i`) need no default. Computed on first use.
   */
  readonly guards: () => readonly Expr[];
  /**
   * True when the destination at `path` may itself be left out (an optional spec field of a nested
   * composition): an absent value then passes through as absent, as JavaScript passes `undefined`.
   */
  readonly mayBeAbsent?: (path: readonly string[]) => boolean;
  /**
   * Told where a value passed to such a field may be absent, with the test that it is there: the nested
   * composition fills in its default otherwise. The value passed is then the plain read (a CEL optional's
   * `.value()`), valid where the test holds.
   */
  readonly passedAbsent?: (path: readonly string[], present: Expr) => void;
  /**
   * A status field: a plain read of absent data is pending, as its JavaScript `undefined` is; only a value
   * computed from it (text, arithmetic) is refused.
   */
  readonly pendingIsUndefined?: boolean;
  /**
   * A factory's option: a value that may be `undefined` is given to the factory, which is asked what it makes
   * of `undefined` (absent-options.ts). Told the compiled option once its placeholder exists.
   */
  readonly acceptsAbsent?: (option: AbsentOption) => void;
}

/**
 * A manifest field JavaScript may leave `undefined` depending on the spec or the cluster. A factory's option
 * (`field.acceptsAbsent`) gives `'absent'`: the factory is asked what it makes of `undefined` there
 * (absent-options.ts), a plain read of an optional spec field (`replicas: spec.replicas`) and a spec list item
 * that may be missing (`spec.items[2]`) alike. Elsewhere, and where JavaScript computes with the `undefined`
 * (text, arithmetic), absent spec data is refused here, where the source is known.
 */
export function checkPresent(node: Node, compiled: Compiled, field: ManifestField, scope: Scope, inComputed = false): boolean | 'absent' {
  // A nested composition's optional or defaulted spec field is left unset as JavaScript passes `undefined`: the child handles it.
  if (!inComputed && field.mayBeAbsent?.(field.path) && (!compiled.wrapped || field.passedAbsent)) {
    if (compiled.present && (compiled.wrapped || awaitedSpecData(compiled.present, scope, field.guards()))) field.passedAbsent?.(field.path, compiled.present);
    return true;
  }
  if (compiled.wrapped) {
    if (!inComputed && field.acceptsAbsent) return 'absent';
    throw mayBeUndefined(node, field);
  }
  const awaited = compiled.optional && compiled.present ? awaitedSpecData(compiled.present, scope, field.guards()) : undefined;
  if (!awaited) return false;
  if (!inComputed && field.acceptsAbsent) return 'absent';
  throw absentSpecData(node, compiled, field, scope, inComputed ? 'computed' : field.mayBeAbsent ? 'required' : 'unfollowed');
}

type Compiled = { expr: Expr; type: CelType; optional?: boolean; wrapped?: boolean; present?: Expr };

/**
 * The option `compiled` (accepted by checkPresent) as the factory is asked about it: a CEL optional, none where
 * JavaScript's value is `undefined` (`has(schema.spec.r) ? optional.of(schema.spec.r) : optional.none()` for a
 * plain read, which absent-options.ts turns into `has(...) ? schema.spec.r : omit()` or the factory's default).
 */
export function absentOption(node: Node, compiled: Compiled, field: ManifestField, scope: Scope, placeholder: ExprValue): AbsentOption {
  const { path } = field;
  if (compiled.wrapped) return { path, placeholder, optional: compiled.expr, type: compiled.type, refusal: mayBeUndefined(node, field), node };
  const optional = E.cond(compiled.present!, E.call('optional.of', [compiled.expr]), E.call('optional.none', []));
  return { path, placeholder, optional, type: compiled.type, refusal: absentSpecData(node, compiled, field, scope, 'unfollowed'), node };
}

/**
 * Why absent spec data is refused where it lands: JavaScript computes with the `undefined` (`computed`: the
 * text "undefined", NaN), passes it to a call that makes of it something CEL cannot write (`unfollowed`), or to
 * a nested composition whose spec requires the field (`required`).
 */
function absentSpecData(node: Node, compiled: Compiled, field: ManifestField, scope: Scope, why: 'computed' | 'unfollowed' | 'required'): Error {
  const name = field.path.length > 0 ? `\`${field.path.join('.')}\`` : 'this value';
  const js = {
    computed: 'JavaScript computes with `undefined` (the text "undefined", NaN in arithmetic), and TypeKro refuses to write such a value',
    unfollowed: "JavaScript passes `undefined`, and what the call makes of it cannot be written in CEL (only a factory's default or a field left out can)",
    required: "JavaScript passes `undefined`, where the nested composition's spec requires a value",
  }[why];
  if (awaitedSpecData(compiled.present!, scope, field.guards()) === 'item') {
    const list = indexedList(node, scope) ?? snippetOf(node).replace(/\[[^\]]*\]$/, '');
    const index = indexOf(compiled.present!);
    return syntaxError(
      node,
      `${name} is set from a spec list item that may be missing (the list may be shorter): ${js}`,
      `give it a default (\`${operandOf(node)} ?? <default>\`), ${field.pendingIsUndefined ? `test the length first (\`${list}.length > ${index} ? ... : ...\`)` : `create the resource only when the list is long enough (\`if (${list}.length > ${index}) ...\`)`}, or require a minimum length in the spec type (e.g. \`type('string[]').atLeastLength(${index + 1})\`)`,
    );
  }
  return syntaxError(
    node,
    `${name} is set from an optional spec field without a default: when the instance leaves it out, ${js}`,
    `give it a default where it is used (\`${operandOf(node)} ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or ${field.pendingIsUndefined ? `test it first (\`${operandOf(node)} !== undefined ? ... : ...\`)` : `create the resource only when it is set (\`if (${snippetOf(node)}) ...\`)`}`,
  );
}

/**
 * A value that may be `undefined` where it cannot be followed: the factory makes something of `undefined`
 * other than a default or leaving the field out (absent-options.ts), or the value is part of text or arithmetic.
 * The way out keeps JavaScript's meaning: the value the factory would use stated, or the call made only when set.
 */
export function mayBeUndefined(node: Node, field: ManifestField): Error {
  const name = field.path.length > 0 ? `\`${field.path.join('.')}\`` : 'this value';
  return syntaxError(
    node,
    `${name} may be \`undefined\` here, depending on the spec or the cluster, and what JavaScript makes of \`undefined\` there cannot be written in CEL`,
    `write the value JavaScript would use instead of \`undefined\` (e.g. \`cond ? 3 : 1\` when the factory's default is 1), choose between whole values (\`cond ? { key: 'v' } : {}\`), or create the resource under a condition (\`if (cond) ...\`)`,
  );
}

/** True when `value` is, or is a template of, a reference to the instance's spec (or an item of a spec list). */
export function readsSpecData(value: unknown): boolean {
  const ref = refOf(value);
  if (ref) return isSpecRoot(ref);
  return typeof value === 'string' && hasMarkers(value) && splitMarkers(value).some((part) => typeof part !== 'string' && isSpecRoot(part));
}

function isSpecRoot(ref: RefData): boolean {
  const { root } = ref;
  if (root.kind === 'schema') return true;
  return root.kind === 'iterator' && isSpecRoot(root.iterator.source);
}

/**
 * A read of spec data (a template of reads too) checked part by part: the parts are what may be absent.
 * `'absent'` when the whole read may be absent and the factory is to be asked about it (checkPresent): it is
 * then compiled, not carried.
 */
export function checkSpecParts(node: Node, scope: Scope, field: ManifestField, inComputed = false, text = false): boolean | 'absent' {
  const source = unwrap(node);
  if (source.type === 'TemplateLiteral' || isArithmetic(source)) {
    checkComputedParts(source, scope, field);
    return false;
  }
  // The declaration this read sees (a name declared in two blocks is two names); without the place, every one of them.
  const binding = source.type === 'Identifier' ? scope.lookup(source.name, source) : undefined;
  if (field.pendingIsUndefined && !inComputed) {
    // A pending status field is JavaScript's `undefined` only for a plain read: a local holding text or
    // arithmetic (`const s = \`b${spec.flag}\``) is "bundefined" there, so its parts are checked as if written here.
    if (binding?.kind === 'alias') checkSpecParts(binding.node, binding.scope, field);
    if (binding?.kind === 'opaque' && binding.declarations) for (const init of binding.declarations) checkSpecParts(init, binding.scope, field);
    return false;
  }
  if (binding?.kind === 'opaque' && binding.declarations) {
    // Declared twice in one scope (`var` in two loop bodies; each exact, see isExactRead): each may be the one
    // JavaScript used. Which one is not known here, so none is given to the factory as maybe `undefined`.
    const checked = unasked(field);
    for (const init of binding.declarations) checkSpecParts(init, binding.scope, checked, inComputed);
    return false;
  }
  if (!mentionsReferences(source, scope)) return false;
  // Only a whole option is given to the factory to ask what it makes of `undefined`; a part of text or arithmetic is not.
  return checkPresent(source, compileValueNode(source, guardedScope(scope, field), text), inComputed ? unasked(field) : field, scope, inComputed);
}

/** `field` without `acceptsAbsent`: its value is not given to the factory to ask about `undefined`. Copied only where needed (every part of every template is checked). */
function unasked(field: ManifestField): ManifestField {
  const { acceptsAbsent: _unasked, ...checked } = field;
  return checked;
}

/** `scope` with the conditions around the call known to hold. */
export function guardedScope(scope: Scope, field: ManifestField): Scope {
  return withGuards(scope, field.guards());
}

/**
 * The parts of text or arithmetic built from spec data (`${spec.o}`, `spec.l[1] + '-x'`): JavaScript goes
 * on with `undefined` there ("undefined", NaN), which is refused unless a default or a guard makes it present.
 */
export function checkComputedParts(node: Node, scope: Scope, field: ManifestField): void {
  const source = unwrap(node);
  const parts = source.type === 'TemplateLiteral' ? source.expressions : isArithmetic(source) ? [source.left, source.right] : [];
  // A template's part is made text (`${i.v ?? ''}`: a choice of an integer and text), arithmetic's is not.
  for (const part of parts) checkSpecParts(part as Node, scope, field, true, source.type === 'TemplateLiteral');
}

function isArithmetic(node: Node): node is Node & { type: 'BinaryExpression'; left: Node; right: Node } {
  return node.type === 'BinaryExpression' && ['+', '-', '*', '/', '%'].includes(node.operator);
}
