/** Direct mode's driver: applies a graph from this process with KRO's semantics. */
export { deployDirect, type DeployOptions, type DeployResult } from './deploy.js';
export { deleteDirect, type DeleteOptions } from './delete.js';
export { planDirect, diffPaths, type DeployPlan, type PlannedChange, type PlannedConflict, type PlannedObject } from './plan.js';
export { renderOffline } from './render.js';
export { podLogs, podsOf, type PodLog } from './feedback.js';
export { listOwned } from './owned.js';
export { readinessDirect, type InstanceReadiness, type ResourceReadiness } from './status.js';
export { graphKinds, readRecord } from './record.js';
export { Redactor, REDACTED } from './redact.js';
export { DirectAbortedError, DirectDeployError, DirectTimeoutError, OfflineRenderError, type RollbackReport } from './errors.js';
export type { DirectSession, ProgressEvent } from './session.js';
