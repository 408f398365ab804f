/**
 * The API server's rules for object names, per kind, as Kubernetes validates them (pkg/apis/<group>/validation):
 * most kinds are DNS-1123 subdomains (`NameIsDNSSubdomain`), a Namespace and a StatefulSet DNS-1123 labels
 * (`ValidateNamespaceName`, `ValidateStatefulSetName`), a Service a DNS-1035 label (`ValidateServiceName`:
 * it becomes a DNS name and an environment variable prefix, so it starts with a letter), RBAC kinds and
 * CertificateSigningRequests any path segment (`ValidateRBACName`). A CronJob's name is at most 52 characters
 * (its Jobs append 11) and a Job's at most 63 (it is copied into its Pods' `job-name` label). Custom
 * resources are subdomains, as the API server checks them by default.
 */

/** Which rule a name follows. */
export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label' | 'path-segment';

/** A name's rule and its length limit (a kind may be shorter than its rule allows). */
export interface NameSyntax {
  readonly rule: NameRule;
  readonly maxLength?: number;
}

/** A DNS-1123 subdomain: lowercase alphanumeric parts of `-`, joined by `.`. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A DNS-1123 label: lowercase alphanumerics and `-`, starting and ending alphanumeric. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const LIMITS: Record<NameRule, number> = { 'dns1123-subdomain': 253, 'dns1123-label': 63, 'dns1035-label': 63, 'path-segment': Infinity };

const DESCRIPTIONS: Record<NameRule, string> = {
  'dns1123-subdomain': 'a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
  'dns1123-label': 'a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
  'dns1035-label': 'a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit',
  'path-segment': 'a path segment: not "." or "..", without "/" or "%"',
};

/** `group/Kind` (core group: `/Kind`) → its syntax; every other kind is a subdomain. */
const BY_KIND: ReadonlyMap<string, NameSyntax> = new Map([
  ['/Service', { rule: 'dns1035-label' }],
  ['/Namespace', { rule: 'dns1123-label' }],
  ['apps/StatefulSet', { rule: 'dns1123-label' }],
  ['batch/CronJob', { rule: 'dns1123-subdomain', maxLength: 52 }],
  ['batch/Job', { rule: 'dns1123-subdomain', maxLength: 63 }],
  ['rbac.authorization.k8s.io/Role', { rule: 'path-segment' }],
  ['rbac.authorization.k8s.io/ClusterRole', { rule: 'path-segment' }],
  ['rbac.authorization.k8s.io/RoleBinding', { rule: 'path-segment' }],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', { rule: 'path-segment' }],
  ['certificates.k8s.io/CertificateSigningRequest', { rule: 'path-segment' }],
]);

/**
 * The name syntax of a kind.
 *
 * @example
 * ```ts
 * nameSyntaxOf('v1', 'Service'); // => { rule: 'dns1035-label' }
 * nameSyntaxOf('example.com/v1', 'Widget'); // => { rule: 'dns1123-subdomain' }
 * ```
 */
export function nameSyntaxOf(apiVersion: string, kind: string): NameSyntax {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return BY_KIND.get(`${group}/${kind}`) ?? { rule: 'dns1123-subdomain' };
}

/** The syntax of `metadata.namespace`: a namespace's name. */
export const NAMESPACE_SYNTAX: NameSyntax = { rule: 'dns1123-label' };

/**
 * The rule in words, with its length limit: `a DNS-1123 label: lowercase ..., at most 63 characters`.
 *
 * @example
 * ```ts
 * describeSyntax({ rule: 'dns1123-label' }); // => 'a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters'
 * ```
 */
export function describeSyntax(syntax: NameSyntax): string {
  const limit = maxLengthOf(syntax);
  return `${DESCRIPTIONS[syntax.rule]}${Number.isFinite(limit) ? `, at most ${limit} characters` : ''}`;
}

function maxLengthOf(syntax: NameSyntax): number {
  return Math.min(syntax.maxLength ?? Infinity, LIMITS[syntax.rule]);
}

/**
 * What is wrong with `name` under `syntax`, in a few words; `undefined` when it is valid. `quote: false`
 * names the kinds of characters that are wrong but not the characters (the name holds a secret).
 *
 * @example
 * ```ts
 * nameProblem('demo-Bad_Suffix', { rule: 'dns1123-subdomain' }); // => 'has uppercase letters ("B", "S") and contains "_"'
 * nameProblem('web', { rule: 'dns1035-label' }); // => undefined
 * ```
 */
export function nameProblem(name: string, syntax: NameSyntax, options: { readonly quote?: boolean } = {}): string | undefined {
  const quote = options.quote ?? true;
  if (name === '') return 'is empty';
  const limit = maxLengthOf(syntax);
  if (syntax.rule === 'path-segment') {
    if (name === '.' || name === '..') return `may not be "${name}"`;
    const bad = [...new Set(name.match(/[/%]/g) ?? [])];
    if (bad.length > 0) return quote ? `contains ${bad.map((c) => `"${c}"`).join(' and ')}` : 'contains "/" or "%"';
    return undefined;
  }
  const pattern = syntax.rule === 'dns1123-subdomain' ? DNS1123_SUBDOMAIN : syntax.rule === 'dns1123-label' ? DNS1123_LABEL : DNS1035_LABEL;
  if (name.length <= limit && pattern.test(name)) return undefined;
  const parts: string[] = [];
  if (name.length > limit) parts.push(`has ${name.length} characters (at most ${limit})`);
  const upper = [...new Set(name.match(/[A-Z]/g) ?? [])];
  if (upper.length > 0) parts.push(quote ? `has uppercase letters (${quoteAll(upper)})` : 'has uppercase letters');
  const allowed = syntax.rule === 'dns1123-subdomain' ? /[a-zA-Z0-9.-]/ : /[a-zA-Z0-9-]/;
  const others = [...new Set([...name].filter((c) => !allowed.test(c)))];
  if (others.length > 0) parts.push(quote ? `contains ${quoteAll(others)}` : 'contains characters the rule does not allow');
  if (upper.length === 0 && others.length === 0 && !pattern.test(name)) parts.push(quote ? shapeProblem(name, syntax.rule) : 'does not start or end as the rule requires');
  return parts.join(' and ');
}

/** What is wrong with a name of allowed characters: where it starts or ends, or an empty part between dots. */
function shapeProblem(name: string, rule: NameRule): string {
  if (rule === 'dns1035-label' && !/^[a-z]/.test(name)) return `starts with "${name[0]}" (it must start with a letter)`;
  if (!/^[a-z0-9]/.test(name)) return `starts with "${name[0]}"`;
  if (!/[a-z0-9]$/.test(name)) return `ends with "${name[name.length - 1]}"`;
  return 'has a part between dots that is empty or starts or ends with "-"';
}

function quoteAll(chars: readonly string[]): string {
  const shown = chars.slice(0, 5).map((c) => JSON.stringify(c));
  return chars.length > 5 ? `${shown.join(', ')}, ...` : shown.join(', ');
}
