/**
 * Which strings `toYaml` may write as plain scalars. A plain scalar is typed by its reader, and readers differ:
 * go-yaml (v2 in sigs.k8s.io/yaml, so kubectl, the API server, KRO, Flux and Helm; v3 elsewhere) reads a plain
 * scalar starting with a digit, a sign or a dot with Go's `strconv` base-0 parsing, after dropping every `_`
 * (`0o644`, `0O17`, `0X1F`, `+0o17`, `0b1_0` are ints there), YAML 1.1 and the `yaml` package read their own
 * number, timestamp, boolean and null forms, and YAML 1.2 core (TypeKro's `--spec` reader) others again.
 *
 * So the rule is not a list of the forms each reader knows, which was found wanting twice (trial 17:
 * `fileMode: 0o644` reached Helm as 420), but what no reader can take for anything else: a string is left
 * plain only when it is none of the words any of them gives a meaning to (in any letter case), and, when it
 * starts as a number can (a digit, a sign or a dot) and holds a digit, it also holds a character no number
 * or timestamp of any of them is made of: `1Gi`, `30s`, `500m`, `-f` and `--verbose` stay plain, `1.0.0`,
 * `10.0.0.1` and `0o644` are quoted. Quoting a string every reader would have read as a string anyway costs
 * two characters; leaving one plain that a reader types otherwise is a silent wrong value.
 */

/** Words a reader types as a boolean, null, merge key or value key (`=`), compared lower-cased. */
const WORDS = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null', '~', '<<', '=']);
/** Float words (Go's `ParseFloat` takes them in any case, YAML with a dot), after an optional sign and dot. */
const FLOAT_WORDS = /^[-+]?\.?(inf|infinity|nan)$/i;
/** The first character of every number and timestamp of these readers. */
const NUMBER_START = /^[-+.0-9]/;
/**
 * Every character a number or timestamp of these readers can hold: digits, signs, `.`, `_`, `:` (YAML 1.1
 * sexagesimals, times), blanks (timestamps), hex digits, the base and exponent letters (`x o b e p`), the
 * timestamp letters (`t z`) and the letters of `inf`, `infinity` and `nan`, in either case.
 */
const NUMBER_ALPHABET = /^[-+._: \t0-9a-fA-FiInNoOpPtTxXyYzZ]*$/;
/** Every number and timestamp holds a digit; the float words alone do not, and are matched above. */
const DIGIT = /[0-9]/;

/**
 * Whether every reader of TypeKro's YAML reads `value`, written as a plain scalar, as this same string. Only
 * asked of strings the `yaml` library would write plain (it quotes indicators, blanks at the ends, and the
 * YAML 1.1 forms it knows).
 *
 * @example
 * ```ts
 * plainReadsAsString('512Mi'); // => true
 * plainReadsAsString('0o644'); // => false (go-yaml: 420)
 * plainReadsAsString('No'); // => false (YAML 1.1: false)
 * ```
 */
export function plainReadsAsString(value: string): boolean {
  if (WORDS.has(value.toLowerCase()) || FLOAT_WORDS.test(value)) return false;
  return !(NUMBER_START.test(value) && DIGIT.test(value) && NUMBER_ALPHABET.test(value));
}
