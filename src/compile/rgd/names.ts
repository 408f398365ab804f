/** Naming rules KRO and Kubernetes enforce, as data (KRO v0.9.4 `pkg/graph/validation.go`). */
import { LOWER_CAMEL } from '../../util/cel-names.js';
import { describeSyntax, nameProblem } from '../../util/object-names.js';

// Which names can be CEL variables is one rule for ids, iterators and comprehension variables (util/cel-names).
export { RESERVED_WORDS, reservedNameProblem } from '../../util/cel-names.js';

export const RESOURCE_ID = LOWER_CAMEL;
export const KIND = /^[A-Z][a-zA-Z0-9]*$/;
export const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

/** Why `name` is not a DNS-1123 subdomain (the rule in words included), or `undefined` when it is one. */
export function dnsSubdomainProblem(name: string): string | undefined {
  const syntax = { rule: 'dns1123-subdomain' } as const;
  const problem = nameProblem(name, syntax);
  return problem === undefined ? undefined : `it ${problem} (${describeSyntax(syntax)})`;
}

/** KRO v0.9.4's rule for each `schema.shortNames`/`schema.categories` entry (a DNS-1035 label, as the CRD needs). */
const CRD_ALIAS = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const MAX_ALIASES = 32;

/**
 * Why a `shortNames` or `categories` value would be refused (by KRO's RGD schema or the API server's CRD
 * validation), or `undefined` when it is fine. `value` is unknown: JavaScript callers bypass the types.
 */
export function crdAliasesProblem(field: 'shortNames' | 'categories', value: unknown): string | undefined {
  if (!Array.isArray(value)) return `${field} must be a list of strings, e.g. ["wa"]`;
  if (value.length > MAX_ALIASES) return `${field} has ${value.length} entries; KRO allows at most ${MAX_ALIASES}`;
  const seen = new Set<string>();
  for (const [index, entry] of (value as unknown[]).entries()) {
    const at = `${field}[${index}]`;
    if (typeof entry !== 'string') return `${at} must be a string, got ${entry === null ? 'null' : typeof entry}`;
    if (entry.length > 63 || !CRD_ALIAS.test(entry)) {
      const hint = entry.toLowerCase().replace(/[^-a-z0-9]/g, '').replace(/^[^a-z]+|-+$/g, '').slice(0, 63) || 'wa';
      return `${at} "${entry}" must be a lower-case DNS label (a-z, 0-9 and "-", starting with a letter, ending with a letter or digit, at most 63 characters), e.g. "${hint}"`;
    }
    if (seen.has(entry)) return `${field} lists "${entry}" twice; each entry may appear once`;
    seen.add(entry);
  }
  return undefined;
}

/** `myApp-x` → a suggestion for a valid id (`myAppX`), for error messages. */
export function suggestId(id: string): string {
  const camel = id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
  const lowered = camel.charAt(0).toLowerCase() + camel.slice(1);
  return /^[a-z]/.test(lowered) ? lowered : `r${lowered}`;
}
