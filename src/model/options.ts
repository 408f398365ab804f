/**
 * Factory options nobody reads. TypeScript rejects `Deployment({ name, image, replica: 3 })`, but a cast or
 * a JavaScript caller gets past it, and the option would vanish. Which options a factory knows is what its
 * builder reads, so the config is watched while the builder runs: an option it never read is an error
 * naming the closest one it did read. Builders that spread the config (low-level factories) read every key;
 * their fields are checked against the Kubernetes model instead (wire-names).
 */
import { closest } from 'fastest-levenshtein';
import { formatLocation, userFrames } from './call-site.js';
import { TypeKroError } from '../util/errors.js';
import { isExprValue } from '../ir/value.js';

/** Options every factory takes besides its own (handled before the builder runs). */
const COMMON_OPTIONS = new Set(['id']);

/**
 * Runs `build` on a view of `config` that records which options it reads, then rejects any option left unread.
 *
 * @example buildChecked('Deployment', { name: 'web', image: 'nginx', replica: 3 }, build) // throws: unknown option "replica"; did you mean "replicas"?
 */
export function buildChecked<TConfig, TResult>(factoryName: string, config: TConfig, build: (config: TConfig) => TResult): TResult {
  // The whole options object compiled to one expression (`F(spec.prod ? a : b)`): its keys are not options.
  if (isExprValue(config)) throw chosenOptionsError(factoryName, config.expr.kind === 'conditional');
  if (typeof config !== 'object' || config === null) return build(config);
  const read = new Set<string>();
  const watched = new Proxy(config, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  const result = build(watched);
  const unknown = Object.keys(config).filter((key) => !read.has(key) && !COMMON_OPTIONS.has(key));
  if (unknown.length > 0) throw unknownOptionError(factoryName, unknown, [...read]);
  return result;
}

function chosenOptionsError(factoryName: string, conditional: boolean): TypeKroError {
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${formatLocation(userFrames()[0])}: ${factoryName}: the options object itself is ${conditional ? 'chosen by a condition' : 'computed from references'}, which a factory cannot take (its options must be known when the composition is defined); write one options object and choose the field values instead, e.g. ${factoryName}({ name: 'x', data: spec.prod ? a.data : b.data })`,
  );
}

function unknownOptionError(factoryName: string, unknown: readonly string[], known: readonly string[]): TypeKroError {
  const candidates = known.filter((key) => !unknown.includes(key));
  const described = unknown.map((key) => {
    const suggestion = candidates.length > 0 ? closest(key, candidates) : undefined;
    return `"${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
  });
  const options = [...new Set(candidates)].sort().join(', ');
  // The original TypeKro's aspects are options of a composition's factory, easily put on a resource instead.
  const aspects = unknown.includes('aspects') ? "; aspects apply to a whole composition: pass them to app.factory('kro' | 'direct', { aspects }) or app.toYaml({ aspects })" : '';
  return new TypeKroError('DEFINITION_INVALID', 
    `${formatLocation(userFrames()[0])}: ${factoryName}: unknown option${unknown.length > 1 ? 's' : ''} ${described.join(', ')}; ${factoryName} takes ${options}${aspects}`,
  );
}
