/**
 * Spec strings and instance annotations KRO cannot carry into a resource unchanged (compile/rgd/kro-carried.ts
 * says why, and checks the constants of the resources themselves when the RGD is compiled): a kro-mode spec or
 * annotation holding U+0085, U+007F-U+009F, U+FFFE or U+FFFF is refused before anything is applied. Direct
 * mode carries them unchanged (its bodies escape them: runtime/kube/wire.ts).
 */
import { KRO_UNSAFE, kroCharProblem, kroTextProblem } from '../compile/rgd/kro-carried.js';
import type { CompositionGraph } from '../ir/graph.js';
import { readsInstanceLabels } from '../ir/instance-metadata-reads.js';
import { fieldPath } from '../model/schema/index.js';
import { TypeKroError } from '../util/errors.js';
import type { InstanceMetadataValues } from '../util/instance-metadata.js';
import { SpecValidationError } from './spec.js';

/**
 * Refuses a kro-mode instance KRO would not carry unchanged: its spec (a SpecValidationError naming every
 * field) or, when the composition reads the instance's annotations, an annotation (a USAGE error naming the
 * first). An annotation nothing reads stays on the instance, which TypeKro applies itself (its bodies escape
 * the character: runtime/kube/wire.ts), and reaches no resource.
 *
 * @example
 * ```ts
 * refuseKroUnsafe(graph, { text: 'a\u0085b' }, { labels: {}, annotations: {} }); // throws SpecValidationError
 * ```
 */
export function refuseKroUnsafe(graph: CompositionGraph, spec: unknown, metadata: InstanceMetadataValues): void {
  const unsafe = kroStringProblems(spec);
  if (unsafe.length > 0) throw new SpecValidationError(graph.name, unsafe);
  const [annotation] = kroMetadataProblems(metadata);
  if (annotation && readsInstanceLabels(graph, 'annotations')) throw new TypeKroError('USAGE', annotation);
}

/**
 * One problem per spec string (or key) holding such a character, naming the field, the character and the way out.
 *
 * @example
 * ```ts
 * kroStringProblems({ note: 'a\u0085b' }); // => ['spec.note holds U+0085 at index 1: ...']
 * ```
 */
export function kroStringProblems(spec: unknown): string[] {
  const problems: string[] = [];
  visit(spec, [], problems);
  return problems;
}

/**
 * One problem per annotation value holding such a character: a composition that reads the annotation
 * (`instance.metadata.annotations?.note`) hands it to KRO's encoder ({@link refuseKroUnsafe} asks only then).
 * Label values and keys cannot hold one.
 *
 * @example
 * ```ts
 * kroMetadataProblems({ labels: {}, annotations: { note: 'a\u0085b' } }); // => ['annotation "note" holds U+0085 at index 1: ...']
 * ```
 */
export function kroMetadataProblems(metadata: InstanceMetadataValues): string[] {
  return Object.entries(metadata.annotations).flatMap(([key, value]) => kroTextProblem(`annotation ${JSON.stringify(key)}`, value) ?? []);
}

function visit(value: unknown, path: readonly (string | number)[], problems: string[]): void {
  if (typeof value === 'string') {
    const index = value.search(KRO_UNSAFE);
    if (index >= 0) problems.push(kroCharProblem(fieldPath('spec', path), value.charCodeAt(index), index));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => visit(item, [...path, i], problems));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const index = key.search(KRO_UNSAFE);
      if (index >= 0) problems.push(kroCharProblem(`${fieldPath('spec', [...path, key])} (the key)`, key.charCodeAt(index), index));
      visit(item, [...path, key], problems);
    }
  }
}
