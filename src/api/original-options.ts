/**
 * Factory options of the original TypeKro that mean nothing here, or are spelled differently. Each is typed
 * as a string literal that states the replacement, so passing it is a type error whose message names what to
 * write instead; JavaScript callers get the same text as a USAGE error from `factory(...)`.
 */
import { TypeKroError } from '../util/errors.js';
import { checkClusterOptions } from './cluster-options.js';

/**
 * The original TypeKro's factory options that TypeKro does not take: each is typed as the sentence naming its
 * replacement, so passing one fails to compile with that sentence in the message.
 *
 * @example
 * import type { OriginalFactoryOptions } from 'typekro';
 * const hint: NonNullable<OriginalFactoryOptions['debugLogging']> = 'debugLogging is not a TypeKro option: progressCallback receives every step as a ProgressEvent (apply, waiting with the readiness reason, ready, event, log)';
 * hint.startsWith('debugLogging'); // => true
 */
export interface OriginalFactoryOptions {
  readonly debugLogging?: 'debugLogging is not a TypeKro option: progressCallback receives every step as a ProgressEvent (apply, waiting with the readiness reason, ready, event, log)';
  readonly eventMonitoring?: 'eventMonitoring is not a TypeKro option: direct mode reports Kubernetes events through progressCallback by default (events: false turns them off; podLogs adds pod logs)';
  readonly hydrateStatus?: 'hydrateStatus is not a TypeKro option: deploy always returns the status it could compute (complete, or pending naming what is missing)';
  readonly retryPolicy?: 'retryPolicy is not a TypeKro option: readiness is watched until timeout; transient API errors are retried within it';
  readonly autoFix?: 'autoFix is not a TypeKro option: install Flux with typeKroRuntimeBootstrap(...) instead';
  readonly httpTimeouts?: 'httpTimeouts is not a TypeKro option: every request is bounded by the operation deadline (timeout)';
  readonly applyPolicy?: 'applyPolicy is not a TypeKro option: direct mode always uses server-side apply (field manager typekro); force: true takes over conflicting fields';
  readonly closures?: 'closures is not a TypeKro option: yamlFile/yamlDirectory/helmRelease are resources of the composition itself';
  readonly alchemyKubeConfig?: 'alchemyKubeConfig is not a TypeKro option: TypeKro has no Alchemy integration; pass kubeConfig or kubeconfig';
  readonly strictCelDiagnostics?: 'strictCelDiagnostics is not a TypeKro option: CEL TypeKro cannot compile faithfully is always an error when the composition is defined';
  readonly kroPrerequisites?: 'kroPrerequisites is not a TypeKro option: make the prerequisites resources of the composition (dependsOn orders them)';
}

/**
 * The original TypeKro's options of the KRO factory: those of both factories, and `waitForReady`, which is
 * `true` only (KRO mode always waits for the instance to be ACTIVE and Ready).
 *
 * @example
 * import type { KroOriginalOptions } from 'typekro';
 * const options: KroOriginalOptions = { waitForReady: true };
 * options.waitForReady; // => true
 */
export interface KroOriginalOptions extends OriginalFactoryOptions {
  readonly waitForReady?: true | 'waitForReady: false is not supported in kro mode: render the instance with factory("kro").toYaml(spec) and apply it yourself, or use direct mode with waitForReady: false';
}

/** The sentences of the types, for JavaScript callers (the compiler checks they are the same text). */
const REPLACEMENTS: Required<OriginalFactoryOptions> = {
  debugLogging: 'debugLogging is not a TypeKro option: progressCallback receives every step as a ProgressEvent (apply, waiting with the readiness reason, ready, event, log)',
  eventMonitoring: 'eventMonitoring is not a TypeKro option: direct mode reports Kubernetes events through progressCallback by default (events: false turns them off; podLogs adds pod logs)',
  hydrateStatus: 'hydrateStatus is not a TypeKro option: deploy always returns the status it could compute (complete, or pending naming what is missing)',
  retryPolicy: 'retryPolicy is not a TypeKro option: readiness is watched until timeout; transient API errors are retried within it',
  autoFix: 'autoFix is not a TypeKro option: install Flux with typeKroRuntimeBootstrap(...) instead',
  httpTimeouts: 'httpTimeouts is not a TypeKro option: every request is bounded by the operation deadline (timeout)',
  applyPolicy: 'applyPolicy is not a TypeKro option: direct mode always uses server-side apply (field manager typekro); force: true takes over conflicting fields',
  closures: 'closures is not a TypeKro option: yamlFile/yamlDirectory/helmRelease are resources of the composition itself',
  alchemyKubeConfig: 'alchemyKubeConfig is not a TypeKro option: TypeKro has no Alchemy integration; pass kubeConfig or kubeconfig',
  strictCelDiagnostics: 'strictCelDiagnostics is not a TypeKro option: CEL TypeKro cannot compile faithfully is always an error when the composition is defined',
  kroPrerequisites: 'kroPrerequisites is not a TypeKro option: make the prerequisites resources of the composition (dependsOn orders them)',
};

const KRO_WAIT: Exclude<NonNullable<KroOriginalOptions['waitForReady']>, true> =
  'waitForReady: false is not supported in kro mode: render the instance with factory("kro").toYaml(spec) and apply it yourself, or use direct mode with waitForReady: false';

/** Refuses, for JavaScript callers, what the types refuse: an original option, kro mode's waitForReady: false, or a cluster option of the wrong type. */
export function checkOriginalOptions(mode: string, options: object): void {
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(REPLACEMENTS, key) && (options as Record<string, unknown>)[key] !== undefined) {
      throw new TypeKroError('USAGE', `factory('${mode}', { ${key} }): ${REPLACEMENTS[key as keyof OriginalFactoryOptions]}`);
    }
  }
  if (mode === 'kro' && (options as { waitForReady?: unknown }).waitForReady === false) {
    throw new TypeKroError('USAGE', `factory('kro', { waitForReady: false }): ${KRO_WAIT}`);
  }
  checkClusterOptions(mode, options);
}
