/** Installing the TypeKro runtime (Flux and KRO) into a cluster. */
export { typeKroRuntimeBootstrap, type RuntimeBootstrap, type RuntimeBootstrapOptions } from './runtime.js';
export { fluxReleaseUrl } from './flux-manifests.js';
