/** Direct mode's driver: applies a graph from this process with KRO's semantics. */
export { deployDirect, type DeployOptions, type DeployResult } from './deploy.js';
export { deleteDirect, type DeleteOptions, type DeleteOutcome } from './delete.js';
export { planDirect, diffPaths, type DeployPlan, type PlannedChange, type PlannedConflict, type PlannedInstance, type PlannedObject, type PlannedTakeover, type PlannedValue } from './plan.js';
export { renderOffline } from './render.js';
export { type PodLog } from './feedback.js';
export { instanceEvents, logSources, readLogs, streamLogs, type InstanceEvent, type LogFailure, type LogSource } from './logs.js';
export { groupByResource, ownedNow, reportObjects, statusDirect } from './status.js';
export { listDirectInstances } from './instances.js';
export { resourceIdOf } from './owned.js';
export { podLogs, podsOf } from './feedback.js';
export { listOwned } from './owned.js';
export { assignedOf, graphKinds, readRecord } from './record.js';
export { Redactor, REDACTED } from '../../util/redact.js';
export { DeployFailedError, DirectAbortedError, DirectDeployError, DirectTimeoutError, OfflineRenderError, OwnershipConflictError, type RollbackReport } from './errors.js';
export type { DirectSession, ProgressEvent } from './session.js';
