/**
 * The fields of client-node's models that are Kubernetes `Quantity`s (`resources.limits.cpu: 2` or `'500m'`).
 * client-node types them as plain strings, but the API server also takes a number there (and writes it back as
 * text), so a number set there is no type error (values.ts). Listed from Kubernetes v1.36.3's
 * `api/openapi-spec/swagger.json`: every property whose schema (or whose map values or list items) is
 * `io.k8s.apimachinery.pkg.api.resource.Quantity`, for the models client-node 1.4.0 has
 * (quantity-fields.test.ts holds each entry to the model table).
 */
export const QUANTITY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  V1CSIStorageCapacity: ['capacity', 'maximumVolumeSize'],
  V1CapacityRequestPolicy: ['default', 'validValues'],
  V1CapacityRequestPolicyRange: ['max', 'min', 'step'],
  V1CapacityRequirements: ['requests'],
  V1ContainerStatus: ['allocatedResources'],
  V1Counter: ['value'],
  V1DeviceCapacity: ['value'],
  V1DeviceRequestAllocationResult: ['consumedCapacity'],
  V1EmptyDirVolumeSource: ['sizeLimit'],
  V1LimitRangeItem: ['default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min'],
  V1NodeStatus: ['allocatable', 'capacity'],
  V1Overhead: ['podFixed'],
  V1PersistentVolumeClaimStatus: ['allocatedResources', 'capacity'],
  V1PersistentVolumeSpec: ['capacity'],
  V1PodSpec: ['overhead'],
  V1ResourceFieldSelector: ['divisor'],
  V1ResourceQuotaSpec: ['hard'],
  V1ResourceQuotaStatus: ['hard', 'used'],
  V1ResourceRequirements: ['limits', 'requests'],
  V1VolumeResourceRequirements: ['limits', 'requests'],
  V1beta1CapacityRequestPolicy: ['default', 'validValues'],
  V1beta1CapacityRequestPolicyRange: ['max', 'min', 'step'],
  V1beta1CapacityRequirements: ['requests'],
  V1beta1Counter: ['value'],
  V1beta1DeviceCapacity: ['value'],
  V1beta1DeviceRequestAllocationResult: ['consumedCapacity'],
  V1beta2CapacityRequestPolicy: ['default', 'validValues'],
  V1beta2CapacityRequestPolicyRange: ['max', 'min', 'step'],
  V1beta2CapacityRequirements: ['requests'],
  V1beta2Counter: ['value'],
  V1beta2DeviceCapacity: ['value'],
  V1beta2DeviceRequestAllocationResult: ['consumedCapacity'],
  V2HPAScalingRules: ['tolerance'],
  V2MetricTarget: ['averageValue', 'value'],
  V2MetricValueStatus: ['averageValue', 'value'],
};

/** True when `field` (its wire name) of `modelName` is a `Quantity`. */
export function isQuantityField(modelName: string, field: string): boolean {
  return QUANTITY_FIELDS[modelName]?.includes(field) ?? false;
}
