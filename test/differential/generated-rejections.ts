/**
 * The documented rejections a generated program may run into: constructs the README documents as unsupported,
 * which the generator draws now and then, and refusals a program draws by its shape; each with a marker of the
 * construct in the source and the message the definition must fail with (generated-run.ts).
 */
import { STATUS_TYPE_MISMATCH } from './generated-idioms.js';

/**
 * Constructs the README documents as unsupported (`Math.floor`, `reduce`, `typeof`,
 * regular expressions, a lone surrogate): a program holding one must be rejected when defined, with a message naming it.
 */
export const UNSUPPORTED = [
  { template: 'String(Math.floor($0))', arg: 'num', marker: 'Math.floor(', message: /Math\.floor has no CEL equivalent/ },
  { template: "$0.reduce((a, b) => a + b, '')", arg: 'list', marker: '.reduce(', message: /`reduce` over a list the instance gives has no CEL equivalent/ },
  { template: '(typeof $0)', arg: 'str', marker: '(typeof ', message: /`typeof` inspects JavaScript values/ },
  { template: "$0.replace(/a/g, 'b')", arg: 'str', marker: '/a/g', message: /regular expressions are not supported/ },
  // half of a surrogate pair: CEL text is code points, where it would become U+FFFD (trial 18 F1)
  { template: "($0 + '\\ud83d')", arg: 'str', marker: "'\\ud83d'", message: /a text holds a lone UTF-16 surrogate \(\\ud83d at index \d+/ },
] as const;

/**
 * A floating-point value written to an integer field (a Deployment's `replicas`): JavaScript would send the
 * fraction, which the API server refuses, so the definition must fail (CEL's int() would truncate it).
 */
export const DOUBLE_IN_INTEGER_FIELD = {
  template: '($0 * 0.5)',
  marker: ' * 0.5)',
  // a fraction computed from constants alone (`3 * 0.5`) is refused as the literal it is
  message: /: resource "[^"]+": the integer field spec\.replicas (is set to `.*`, a floating-point number\. JavaScript would send a fraction such as 1\.25 as it is, which the API server refuses; CEL would truncate it to 1\n[^]*hint: convert it explicitly with Math\.trunc\(|is -?\d+\.\d+, a fraction, which the API server refuses there)/,
} as const;

/** The loop of the `for-const-if` position (generated-programs.ts), the marker of its documented rejection. */
export const FOR_CONST_IF = "for (const t of ['a', 'b-c', 'Zz'])";

/**
 * An `if` on the item of a loop over constants and on the spec that JavaScript, on placeholders, took for some
 * items and not others (`spec.name < t`, or one on the spec alone whose placeholder texts compare differently per
 * iteration): the calls cannot be told apart, so the definition fails at the condition.
 */
const ITEM_CONDITION_ON_PLACEHOLDER = {
  marker: FOR_CONST_IF,
  message: /: the condition `[^]*` (on the item of a loop over a constant list and on a reference decides per item whether this resource is created, and JavaScript decided its reference part on a placeholder|on a reference, inside a loop over a constant list, was decided by JavaScript on placeholders differently per item)/,
} as const;

/**
 * A `let` reassigned (the `let` position of generated-scoped-sites.ts, variables `m<i>`) whose value depends
 * on a reference: CEL cannot follow the statements' order, so the definition fails at the variable.
 */
export const LET_REASSIGNED = {
  marker: 'let m',
  message: /: `m\d+` is changed after it is declared \(reassigned\); CEL cannot follow the order of statements, and its value depends on a reference/,
} as const;

/**
 * A read of the optional `flag` or `count` without a default in a program's source: `spec.flag`, or `flag` over
 * the destructured spec (not the destructuring itself, `..., flag, count, opt, labels, nums, workers } = spec`,
 * nor the type and schema, `flag?`), and not `count ?? k`. (A read after a comma, `Math.max(a, count)`, is one.)
 */
const READS_OPTIONAL = /\bspec\.flag\b|(?<![.\w"])flag\b(?![?\w]|, count, opt, labels, nums, workers \} = spec)|\bspec\.count\b(?! \?\?)|(?<![.\w"])count\b(?![?\w]| \?\?|, opt, labels, nums, workers \} = spec)/;

/**
 * `flag` or `count` (optional, no default) where JavaScript would compute with its `undefined`: made into text
 * (`String(spec.flag)`, "undefined"), into a number (`spec.count + 1`, NaN), written into a template literal,
 * or given to a call that makes of `undefined` what CEL cannot write: the definition fails at the expression.
 * (A bare read as a factory option compiles to the factory's answer, absent-options.ts.)
 */
export const OPTIONAL_WITHOUT_DEFAULT = [
  {
    marker: READS_OPTIONAL,
    message: /: `[^]*` reads an optional spec field without a default, (made into text|used in arithmetic) here: when the instance leaves it out, JavaScript (makes it the text "undefined"|computes NaN with it), but KRO waits for it forever/,
  },
  {
    marker: READS_OPTIONAL,
    message: /: `[^]*` is set from an optional spec field without a default: when the instance leaves it out, JavaScript (computes with `undefined` \(the text "undefined", NaN in arithmetic\), and TypeKro refuses to write such a value|passes `undefined`, and what the call makes of it cannot be written in CEL \(only a factory's default or a field left out can\)|passes `undefined`, where the nested composition's spec requires a value)/,
  },
  { marker: READS_OPTIONAL, message: /: Math\.\w+ needs present numbers/ },
  // the argument a plain read of `count`, or one reading `flag` (`Number((spec.flag && x))`); a ternary on `count`
  // (`spec.count > 0 ? spec.count : 0`) is never undefined, and its refusal would be a bug
  { marker: READS_OPTIONAL, message: /: `(Number|parseInt)\((\(*(spec\.)?count\)*|[^`]*\bflag\b[^`]*)(, 10)?\)`: \w+ of `undefined` is NaN in JavaScript \(unequal to everything, itself included, and kept by `\?\?`\), which CEL cannot hold/ },
  // `spec.count ?? spec.count` (an optional that may be empty) in arithmetic or text, or as a computed field
  { marker: READS_OPTIONAL, message: /: `[^]*` may be `undefined` \(a branch or every side of `\?\?` may give it\), (made into text|used in arithmetic) here/ },
  { marker: READS_OPTIONAL, message: /: `[^`]*` may be `undefined` here, depending on the spec or the cluster, and what JavaScript makes of `undefined` there cannot be written in CEL/ },
] as const;

/**
 * A method of text whose CEL is exact only on narrow text (case mapping, trim, positions, cuts, order), applied
 * to text that may hold any character (an observed ConfigMap's data): refused at the method.
 */
export const WIDE_TEXT = {
  marker: /\.(toLowerCase|toUpperCase|trim)\(\)|\.(substring|charAt|split|replaceAll)\(| [<>]=? /,
  message: /: (`(toLowerCase|toUpperCase)\(\)` of text that may hold letters outside ASCII|`trim\(\)` of text that may hold any character|`(substring|charAt)` of text that may hold characters outside the Basic Multilingual Plane|`(split|replaceAll)` with (an empty separator|a separator that may be empty \(`[^]*`\)) of text that may hold characters outside the Basic Multilingual Plane|`(<|<=|>|>=)` on text that may hold characters outside the Basic Multilingual Plane)/,
} as const;

/**
 * A `nested` site (generated-scoped-sites.ts) passes its generated text to the child's `name`, whose pattern is
 * ASCII: text that may hold any character (the free `text`, a `labels` value, a ConfigMap's `data`) is refused at
 * the call, since the child's text methods were compiled for ASCII (composition/nest-bounds.ts). The passed
 * expression, as the message shows it, must read such text: a refusal of narrower text would be a bug.
 */
export const NESTED_WIDE_TEXT = {
  marker: /const n\d+ = child\d+_\d+\(\{ name: /,
  message: /: nested composition "child-\d+-\d+": its spec field spec\.name is declared with the pattern \/\^\[A-Za-z0-9-\]\{0,6\}\$\/, whose characters are ASCII, and the parent passes `(?=(?:(?!`, which may hold)[^])*?(\btext\b|\blabels\b|\.data\b|[^\x00-\x7f]))[^]*`, which may hold characters outside ASCII\./,
} as const;

/** True when `message` is the documented rejection of an unsupported construct that `source` holds. */
export function documentedRejection(source: string, message: string): boolean {
  const holds = (marker: string | RegExp): boolean => (typeof marker === 'string' ? source.includes(marker) : marker.test(source));
  const statusTypes = STATUS_TYPE_MISMATCH.markers.map((marker) => ({ marker, message: STATUS_TYPE_MISMATCH.message }));
  return [...UNSUPPORTED, DOUBLE_IN_INTEGER_FIELD, ITEM_CONDITION_ON_PLACEHOLDER, LET_REASSIGNED, WIDE_TEXT, NESTED_WIDE_TEXT, ...OPTIONAL_WITHOUT_DEFAULT, ...statusTypes].some((u) => holds(u.marker) && u.message.test(message));
}
