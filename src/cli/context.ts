/**
 * What most commands do first: load the composition, read the spec, and name the instance.
 */
import { loadComposition, parseReference, type AnyComposition } from './load.js';
import type { CompositionOptions } from './options.js';
import { specFromOptions, type SpecObject, type SpecOptions } from './spec.js';

export interface Loaded {
  readonly composition: AnyComposition;
  readonly file: string;
  /** Undefined when neither --spec nor --set was given. */
  readonly spec: SpecObject | undefined;
}

export async function load(reference: string, options: CompositionOptions & SpecOptions): Promise<Loaded> {
  // The spec is read first: a typo in --set should not wait for the composition to compile.
  const spec = specFromOptions(options);
  const ref = parseReference(reference, options.export);
  const loaded = await loadComposition(ref, options.tsconfig ? { tsconfig: options.tsconfig } : {});
  return { composition: loaded.composition, file: loaded.file, spec };
}

/** The instance name the factories use: `--name`, else `spec.name`, else the composition name. */
export function instanceName(composition: AnyComposition, spec: SpecObject | undefined, name: string | undefined): string {
  if (name) return name;
  const fromSpec = spec?.name;
  return typeof fromSpec === 'string' && fromSpec !== '' ? fromSpec : composition.graph.name;
}
