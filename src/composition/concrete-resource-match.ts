/**
 * Which of the compiled graph's resources made at one call site a call of the concrete run made: the graph may
 * hold several there (a loop over a constant list made one per item), and JavaScript may skip some of them.
 */
import type { ResourceNode } from '../ir/graph.js';
import type { Expr } from '../ir/expr.js';
import { isExprValue } from '../ir/value.js';

/**
 * The graph's resource a call at a site with several belongs to (a loop over a constant list made one per
 * item). JavaScript makes them in item order but may skip items (`if (spec.env === e)`), so counting calls is
 * not enough: the first resource from `next` on whose literal fields (the item folded in: `name: cm-dev`) agree
 * with the manifest JavaScript made; the next one when none does.
 */
export function candidateFor(candidates: readonly ResourceNode[], next: number, manifest: unknown): number {
  if (candidates.length - next <= 1) return next;
  const found = candidates.findIndex((node, index) => index >= next && literalsAgree(node.template, manifest));
  return found >= 0 ? found : next;
}

/**
 * The forEach resource a call at a site with several belongs to: a loop over a constant list inside a loop
 * over a reference made one per constant item (`for (const tag of ['x', 'y'])` in `for (const it of spec.items)`),
 * each with its item folded in (`t: x`, `name: ${it.name}-x`). JavaScript skips items per reference item
 * (`if (it.tags.includes(tag))`), so neither the call count nor the first resource tells the iteration: the
 * resource whose folded item agrees with the manifest JavaScript made does.
 */
export function iterationFor(loopNodes: readonly ResourceNode[], manifest: unknown): ResourceNode | undefined {
  if (loopNodes.length <= 1) return loopNodes[0];
  return loopNodes.find((node) => literalsAgree(node.template, manifest)) ?? loopNodes[0];
}

/**
 * Whether every literal leaf of a compiled template equals the value at its path; an interpolated string's text
 * must stand in the value in order (`${spec.name}-dev` does not agree with `web-prod`); other expressions agree with anything.
 */
function literalsAgree(template: unknown, value: unknown): boolean {
  if (isExprValue(template)) return template.expr.kind !== 'template' || typeof value !== 'string' || textAgrees(template.expr.parts, value);
  if (Array.isArray(template)) return Array.isArray(value) && template.every((item, index) => literalsAgree(item, value[index]));
  if (typeof template === 'object' && template !== null) {
    if (typeof value !== 'object' || value === null) return false;
    return Object.entries(template).every(([key, item]) => literalsAgree(item, (value as Record<string, unknown>)[key]));
  }
  return template === value;
}

/** Whether `value` could be the string the template's parts make: its text parts in order, anything between. */
function textAgrees(parts: readonly (string | Expr)[], value: string): boolean {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = parts.map((part) => (typeof part === 'string' ? escape(part) : part.kind === 'literal' && part.literal.kind === 'string' ? escape(part.literal.value) : '[^]*')).join('');
  return new RegExp(`^${pattern}$`).test(value);
}
