/**
 * Kubernetes' rules for label keys, label values and annotation keys (apimachinery
 * `validation.IsQualifiedName`, `IsValidLabelValue`): a value is at most 63 characters of letters, digits,
 * `-`, `_` and `.`, starting and ending with a letter or digit (or empty); a key is such a name (not empty),
 * optionally after a DNS-1123 subdomain prefix of at most 253 characters and a `/`.
 */
import { DNS1123_SUBDOMAIN } from './object-names.js';

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export const LABEL_VALUE_RULE = 'at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (or empty)';
export const QUALIFIED_NAME_RULE = 'an optional DNS-1123 subdomain prefix and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit';

/**
 * What is wrong with a label value, or undefined when the API server accepts it.
 *
 * @example
 * ```ts
 * labelValueProblem('a b'); // 'contains " " (a character not allowed)'
 * labelValueProblem('prod'); // undefined
 * ```
 */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  return namePartProblem(value);
}

/**
 * What is wrong with a label or annotation key, or undefined when the API server accepts it.
 *
 * @example
 * ```ts
 * qualifiedNameProblem('app.kubernetes.io/name'); // undefined
 * qualifiedNameProblem('my key'); // 'contains " " (a character not allowed)'
 * ```
 */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]!];
  if (prefix !== undefined) {
    if (prefix === '') return 'has an empty prefix before "/"';
    if (prefix.length > 253) return `has a prefix of ${prefix.length} characters (at most 253)`;
    if (!DNS1123_SUBDOMAIN.test(prefix)) return `has a prefix "${prefix}" that is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")`;
  }
  if (name === '') return 'has an empty name';
  return namePartProblem(name!);
}

function namePartProblem(text: string): string | undefined {
  if (text.length > 63) return `has ${text.length} characters (at most 63)`;
  if (NAME.test(text)) return undefined;
  const bad = [...text].find((c) => !/[-A-Za-z0-9_.]/.test(c));
  if (bad !== undefined) return `contains ${JSON.stringify(bad)} (a character not allowed)`;
  return 'does not start and end with a letter or digit';
}

/** The labels TypeKro's direct mode sets on every object it applies, to know what an instance owns. */
export const OWNERSHIP_LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  composition: 'typekro.dev/composition',
  instance: 'typekro.dev/instance',
  instanceNamespace: 'typekro.dev/instance-namespace',
  resourceId: 'typekro.dev/resource-id',
} as const;

/** The ApplySet membership label both modes set on every object they apply (direct mode and KRO v0.9.4). */
const APPLYSET_PART_OF = 'applyset.kubernetes.io/part-of';

/**
 * Why a label key the user writes would not reach the cluster as written, or undefined: a label that direct
 * mode and KRO set on every object they apply replaces the user's value (so JavaScript's object and the
 * applied one would differ, silently).
 *
 * @example
 * ```ts
 * reservedLabelProblem('app.kubernetes.io/managed-by'); // 'is set on every object by TypeKro in direct mode ("typekro") and by KRO ("kro"), which replace the value written'
 * reservedLabelProblem('app.kubernetes.io/name'); // undefined
 * ```
 */
export function reservedLabelProblem(key: string): string | undefined {
  if (key === OWNERSHIP_LABELS.managedBy) return 'is set on every object by TypeKro in direct mode ("typekro") and by KRO ("kro"), which replace the value written';
  if (key === APPLYSET_PART_OF) return 'is set on every object by TypeKro in direct mode and by KRO (the ApplySet the object belongs to), which replace the value written';
  if ((Object.values(OWNERSHIP_LABELS) as string[]).includes(key)) return 'is one of the ownership labels TypeKro sets in direct mode on every object (to know which instance owns it), which replace the value written';
  return undefined;
}
