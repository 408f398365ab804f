/**
 * Deterministic YAML for compiler output: equal input gives byte-identical text. Keys keep the order they
 * were built in (callers sort where order carries no meaning), lines are never folded, repeated objects
 * are written out instead of becoming anchors, and a multi-line string containing `${` is double-quoted:
 * a block scalar would be easy to edit into one with a trailing newline, which KRO no longer treats as a
 * standalone expression. Strings that any reader would read as something else (`n`, `on`, `0755`, go-yaml's
 * `0o644`: the rule is in util/yaml-plain.ts) are quoted, and so are strings holding a character go-yaml
 * reads as a line break or refuses (written as escapes, which the library leaves as they are) or a line
 * starting with a tab (go-yaml refuses it in a block scalar).
 *
 * Scalars are written by the `yaml` library's own stringifiers (its choice of plain, quoted or block style,
 * with its YAML 1.1 type checks); this module lays out the block mappings and sequences around them the way
 * the library does for JSON data without comments (`yaml.test.ts` compares the two on generated values).
 * Building the library's node tree and laying it out took about three quarters of the time to render a
 * large RGD, and most of the remaining quarter went into re-checking the same keys and values once per
 * resource: a scalar's text is kept for the rest of the call.
 */
import { createRequire } from 'node:module';
import type { ScalarTag, ToStringOptions } from 'yaml';
import type { StringifyContext } from 'yaml/util';
import { TypeKroError } from '../../util/errors.js';
import { YAML11_HAZARD, YAML11_HAZARD_ALL } from '../../util/yaml11.js';
import { plainReadsAsString } from '../../util/yaml-plain.js';

// yaml is required on first use, not when the package is imported (~20 ms of a cold import); it is
// CommonJS, so this is synchronous, and Node's require cache keeps the one instance.
const require = createRequire(import.meta.url);
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
const yamlUtil = (): typeof import('yaml/util') => require('yaml/util') as typeof import('yaml/util');

/** The library's options for this output: no folding, two-space indentation, sequences indented under their key. */
const OPTIONS: ToStringOptions = { lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true };
/** Documents of YAML 1.1 (see `toYaml`), objects written out wherever they repeat. */
const DOCUMENT = { aliasDuplicateObjects: false, version: '1.1' } as const;
const STEP = '  ';
/** A line starting with a document marker makes the library's text of a string depend on the indentation. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
// The library writes go-yaml's hazards (util/yaml11.ts) as they are: a string holding one is double-quoted,
// each written as an escape.
/** The YAML escape of a hazard character: `\N`, `\L`, `\P` for the line breaks, else `\xXX` or `\uXXXX`. */
function yamlEscape(ch: string): string {
  const named: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };
  const code = ch.charCodeAt(0);
  return named[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}
/** A block scalar line starting with a tab: go-yaml refuses it ("found a tab character where an indentation space is expected"). */
const TAB_AT_LINE_START = /(^|\n) *\t/;
/** The library writes a longer key as an explicit `? key` entry. */
const MAX_IMPLICIT_KEY = 1024;

/** The library's own stringify context for a YAML 1.1 document with `OPTIONS`, captured from its string tag. */
function libraryContext(): StringifyContext {
  const { stringTag } = yamlUtil();
  let captured: StringifyContext | undefined;
  const probe: ScalarTag = {
    ...stringTag,
    stringify(item, ctx, onComment, onChompKeep) {
      captured = ctx;
      return stringTag.stringify!(item, ctx, onComment, onChompKeep);
    },
  };
  new (yaml().Document)('', { ...DOCUMENT, customTags: (tags) => tags.map((tag) => (tag === stringTag ? probe : tag)) }).toString(OPTIONS);
  if (!captured) throw new TypeKroError('INTERNAL', 'yaml: the string tag was not used to write a string; the installed yaml version is not supported');
  return captured;
}

/** Writes one document; scalar texts are kept for the call (keys and many values repeat per resource). */
class Writer {
  readonly #ctx = libraryContext();
  readonly #stringifyString = yamlUtil().stringifyString;
  /**
   * Texts of strings that read the same at any indentation, keys and values apart, by the string itself (no
   * id to build and hash per scalar: a string keeps its hash once it has been used as a key).
   */
  readonly #keys = new Map<string, string>();
  readonly #values = new Map<string, string>();
  /** Every other text by an id: strings by indentation (line breaks, document markers), numbers, booleans, null. */
  readonly #texts = new Map<string, string>();

  document(value: unknown): string {
    return `${this.node(value, '', false, '')}\n`;
  }

  /** `value` as it follows `- ` or `key: ` (or starts the document), its own lines indented by `indent`. */
  private node(value: unknown, indent: string, key: boolean, path: string): string {
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      const itemIndent = indent + STEP;
      return value.map((item, i) => `- ${this.node(item ?? null, itemIndent, false, `${path}[${i}]`)}`).join(`\n${indent}`);
    }
    if (typeof value === 'object' && value !== null) return this.mapping(value, indent, path);
    if (typeof value === 'string') return this.string(value, indent, key);
    return this.other(value, path);
  }

  private mapping(value: object, indent: string, path: string): string {
    if (value instanceof Date || Symbol.iterator in value) {
      throw new TypeKroError('USAGE', `toYaml: ${path || 'the value'} is a ${value.constructor?.name ?? 'non-JSON object'}; only JSON data (objects, arrays, strings, numbers, booleans, null) can be written`);
    }
    const lines: string[] = [];
    const inner = indent + STEP;
    for (const [name, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const keyText = this.string(name, inner, true);
      const explicit = keyText.length > MAX_IMPLICIT_KEY;
      const head = explicit ? `? ${keyText}\n${indent}:` : `${keyText}:`;
      const text = this.node(item, inner, false, path ? `${path}.${name}` : name);
      // A non-empty collection starts on the next line; an empty one is written inline (`{}`, `[]`).
      const collection = typeof item === 'object' && item !== null && text !== '{}' && text !== '[]';
      lines.push(`${head}${!explicit && collection ? `\n${inner}` : ' '}${text}`);
    }
    return lines.length === 0 ? '{}' : lines.join(`\n${indent}`);
  }

  /** A string as the library writes it at this indentation, as a key or a value. */
  private string(value: string, indent: string, key: boolean): string {
    const anywhere = key ? this.#keys : this.#values;
    const known = anywhere.get(value);
    if (known !== undefined) return known;
    // Only text with a line break (or a document marker) depends on the indentation: nothing is folded.
    if (!value.includes('\n') && !DOCUMENT_MARKER.test(value)) {
      const text = this.#write(value, indent, key);
      anywhere.set(value, text);
      return text;
    }
    const id = `${key ? 'k' : 'v'}${indent.length}:${value}`;
    let text = this.#texts.get(id);
    if (text === undefined) {
      text = this.#write(value, indent, key);
      this.#texts.set(id, text);
    }
    return text;
  }

  #write(value: string, indent: string, key: boolean): string {
    const hazard = YAML11_HAZARD.test(value);
    // The library's YAML 1.1 checks leave some strings plain that go-yaml reads as numbers (`0o644`): which
    // may be plain is decided by util/yaml-plain.ts; a string it refuses has no line break, and is double-quoted.
    const type = hazard || !plainReadsAsString(value) || (value.includes('\n') && (value.includes('${') || TAB_AT_LINE_START.test(value))) ? 'QUOTE_DOUBLE' : undefined;
    const ctx = { ...this.#ctx, indent, implicitKey: key, actualString: true } as StringifyContext;
    const text = this.#stringifyString(type ? { value, type } : { value }, ctx);
    // The library's double quotes keep these characters as they are (it escapes what JSON.stringify escapes).
    return hazard ? text.replace(YAML11_HAZARD_ALL, yamlEscape) : text;
  }

  /** null, booleans and numbers: the library's text for the value alone (it does not depend on the position). */
  private other(value: unknown, path: string): string {
    if (value !== null && typeof value !== 'boolean' && typeof value !== 'number' && typeof value !== 'bigint') {
      throw new TypeKroError('USAGE', `toYaml: ${path || 'the value'} is a ${typeof value}; only JSON data (objects, arrays, strings, numbers, booleans, null) can be written`);
    }
    const id = `${typeof value}:${String(Object.is(value, -0) ? '-0' : value)}`;
    let text = this.#texts.get(id);
    if (text === undefined) {
      text = new (yaml().Document)(value, DOCUMENT).toString(OPTIONS).slice(0, -1);
      this.#texts.set(id, text);
    }
    return text;
  }
}

/**
 * @example
 * ```ts
 * toYaml({ apiVersion: 'v1', kind: 'ConfigMap' }); // 'apiVersion: v1\nkind: ConfigMap\n'
 * ```
 */
export function toYaml(value: unknown): string {
  // YAML 1.1 rules for quoting: KRO, kubectl and the API server read YAML with go-yaml's 1.1 semantics,
  // where a plain `n`, `y`, `on` or `off` (as a key or a value) is a boolean. No directive is emitted.
  return new Writer().document(value ?? null);
}

/**
 * A YAML stream: each value a document as {@link toYaml} writes it, separated by `---` lines (kubectl's form
 * of several objects); no values give no text.
 *
 * @example
 * ```ts
 * toYamlDocuments([{ kind: 'A' }, { kind: 'B' }]); // 'kind: A\n---\nkind: B\n'
 * ```
 */
export function toYamlDocuments(values: readonly unknown[]): string {
  const writer = new Writer();
  return values.map((value) => writer.document(value ?? null)).join('---\n');
}
