/** Direct mode's driver: applies a graph from this process with KRO's semantics. */
export { deployDirect, type DeployResult } from './deploy.js';
export { deleteDirect, type DeleteOptions } from './delete.js';
export { renderOffline } from './render.js';
export { DirectDeployError, DirectTimeoutError, OfflineRenderError } from './errors.js';
export type { DirectSession, ProgressEvent } from './session.js';
