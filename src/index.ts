/**
 * TypeKro: typed Kubernetes compositions in TypeScript, compiled to KRO ResourceGraphDefinitions or
 * deployed directly.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', apiVersion: 'example.com/v1', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'app', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas > 0 };
 *   },
 * );
 * app.toYaml().includes('${web.?status.?readyReplicas'); // => true
 */
export { TypeKroError, ERROR_CODES, isTypeKroError, type TypeKroErrorCode, type TypeKroErrorOptions } from './util/errors.js';
export type { Remedy, RemedyOption } from './util/remedy.js';
export { kubernetesComposition, toResourceGraph, type Composition, type InstanceRef, type NestedComposition, type NoExtraKeys, type NoStatus, type StatusReturn } from './api/composition.js';
export * from './api/aspects.js';
export { BreakingChangeError, InstanceNotFoundError, OtherInstancesError } from './api/factories.js';
export type { DeleteResult, EvaluationFailure, InstanceCondition, InstanceOperations, InstanceStatus, InstanceSummary, LogOptions, ResourceStatus, StreamLogOptions, StreamLogResult } from './api/factories.js';
export type { InstanceEvent, LogFailure, LogSource } from './api/instances.js';
export type { KroOriginalOptions, OriginalFactoryOptions } from './api/original-options.js';
export type { DirectFactory, DirectFactoryOptions, FactoryOptionsBase, FactoryStatus, KroDeployOptions, KroFactory, KroFactoryOptions, KroInstance, KroStatusFields, OriginalNames } from './api/factories.js';
export type { DirectDeployOptions, DirectInstance } from './api/direct.js';
export type { PartialStatus, StatusField, StatusPath, StatusReport } from './api/instance.js';
export { DeployFailedError } from './runtime/engine/deploy-failed.js';
export { KroAbortedError, KroDeployError, KroRejectedError } from './runtime/kro/errors.js';
export { DirectAbortedError, DirectDeployError, DirectTimeoutError, OfflineRenderError, OwnershipConflictError, InvalidObjectNameError, type ObjectNameProblem, type RollbackReport } from './runtime/direct/errors.js';
export type { DeployPlan, PlannedChange, PlannedConflict, PlannedInstance, PlannedObject, PlannedOtherInstance, PlannedTakeover, PlannedValue, PodLog, ProgressEvent } from './api/direct.js';
export type {
  ApplyEvent, DeleteEvent, DeletedEvent, KroProgressEvent, KubernetesEvent, LogEvent, PendingEvent, ReadyEvent, RollbackEvent, SkippedEvent, StatusEvent, UpdateEvent, WaitingEvent,
} from './runtime/direct/session.js';
export { ApplyConflictError, InstanceLockedError, KubeApiError, KubeTimeoutError, KubeconfigError } from './runtime/kube/errors.js';
export { CompositionError } from './compile/rgd/errors.js';
export { SchemaError } from './model/schema/index.js';
export { sensitive, type ConfigurableSchema } from './model/schema/sensitive.js';
export { SpecValidationError } from './api/spec.js';
export * from './api/bootstrap/index.js';
export type { CompositionDefinition, CompositionOptions } from './composition/definition.js';
export type { CompositionSchema, SchemaInput, SchemaOutput } from './model/schema/index.js';
export type { CompositionInstance } from './composition/composition.js';
export { Cel, type CelExpression } from './model/cel.js';
export { cel } from './model/cel-functions.js';
export { externalRef, type ExternalRefConfig } from './model/external.js';
export { createResource, customResource, type CustomResourceInput } from './model/custom.js';
export { crdFactory, crdManifests, type CrdFactory, type CrdInput, type CrdKind, type CrdMetadataInput, type CrdObject, type CrdSchema } from './model/crd.js';
export type { OpenApiSchema } from './ir/openapi.js';
export type { Enhanced, FactoryOptions, ResourceFields, SpecStatusObject } from './model/factory.js';
export type { Condition, ResourceMethods } from './model/resource.js';
export type { Ref, RefOrValue, Input, Primitive } from './model/types.js';
export type { PodObject, ServiceObject, UseInstead } from './model/misplaced.js';
export * from './model/kinds/index.js';
export * from './model/flux/index.js';
export * from './model/yaml/index.js';
export * as simple from './model/simple/index.js';
export { CompositionSyntaxError } from './analysis/errors.js';
export type { CompositionGraph, ExternalRefTarget, ForEachDimension, NestedAt, PrinterColumn, ResourceNode, SourceLocation } from './ir/graph.js';
export type { BinaryOp, Expr, Literal, MacroName } from './ir/expr.js';
export type { ExprValue, Value } from './ir/value.js';
export type { SchemaMarkers, SchemaNode } from './ir/schema.js';
export type { ObservedObjects } from './composition/concrete-drafts.js';
export type { ClusterTarget } from './runtime/kube/config.js';
export type { FieldConflict, ObjectRef } from './runtime/kube/errors.js';
export type { SchemaChange } from './runtime/kro/breaking.js';
export { evaluateConcrete, OpaqueCel, type ConcreteOptions, type InstanceOptions, type ConcreteData, type ConcreteEvaluation, type ConcreteResource } from './api/evaluate.js';
