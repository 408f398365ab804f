/** Direct mode's driver: applies a graph from this process with KRO's semantics. */
export { deployDirect } from './deploy.js';
export { deleteDirect } from './delete.js';
export { planDirect, type DeployPlan, type PlannedChange, type PlannedConflict, type PlannedInstance, type PlannedObject, type PlannedOtherInstance, type PlannedTakeover, type PlannedValue } from './plan.js';
export { renderOffline } from './render.js';
export { type PodLog } from './feedback.js';
export { instanceEvents, logSources, readLogs, streamLogs, type InstanceEvent, type LogFailure, type LogSource } from './logs.js';
export { groupByResource, ownedNow, reportObjects } from './status.js';
export { listDirectInstances } from './instances.js';
export { resourceIdOf } from './owned.js';
export { assignedOf, readRecord } from './record.js';
export { DeployFailedError, DirectAbortedError, DirectDeployError, DirectTimeoutError, OwnershipConflictError } from './errors.js';
export type { DirectSession, ProgressEvent } from './session.js';
