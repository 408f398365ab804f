/** The pure planner of direct mode: (graph, spec, observed objects) → decisions and status. No IO. */
export { prepareGraph, type PreparedGraph } from './prepared.js';
export { createPlanCache, objectsReadiness, planInstance, resourceReadiness, type PlanCache } from './plan.js';
export { instanceStatus } from './status.js';
export { describeFailure, everyFailure, firstFailure, type EvaluationFailure } from './failure.js';
export { exactIntValue, isUnsafeInteger } from './exact-int.js';
export { readinessReader, ruleReadiness } from './readiness.js';
export { reportInstance, type InstanceReport, type ResourceStatus, type UnknownResources } from './report.js';
export { resolveStatus, resolveValue, type Resolved, type StatusResult } from './resolve.js';
export { finalizeManifest, isNamespacedKindOffline, LABELS, labelValue, ownershipSelector, type Ownership } from './manifest.js';
export type { AssignedMetadata, ExternalTarget, InstanceIdentity, InstancePlan, KubeObject, NodePlan, Observed, PlanInput, Readiness, ReadinessMode } from './types.js';
export { APPLYSET, RECORD, applySetId, mergeKinds, nextGeneration, parseRecord, recordManifest, recordName, type InstanceRecord, type MemberKind, type StoredSpec } from './applyset.js';
export { directMetadataProblem } from './variables.js';
export { impossibleReads } from './reads.js';
export { adoptable, describeOwner, foreignOwner, ownedBy, type Claimant, type ForeignOwner } from './ownership.js';
export { OwnershipConflictError, OwnershipGuard, type OwnershipFinding, type OwnershipReader } from './ownership-check.js';
export { checkObjectNames, InvalidObjectNameError, objectNameProblems, type ObjectNameProblem } from './name-check.js';
export { nameableObjects, type NameableObjects } from './nameable.js';
export { checkDistinctObjects, DuplicateObjectError, refusedBeforeWrites, renderedIdentity, type RenderedObject } from './distinct-objects.js';
