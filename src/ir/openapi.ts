/**
 * The structural OpenAPI v3 schema of a Kubernetes kind (a CRD version's `openAPIV3Schema`, or a built-in
 * kind's schema served by `/openapi/v3`), as far as TypeKro reads it: generated factories carry it as data,
 * the CEL conversion types observed objects by it, and KRO's breaking-change check compares two of them.
 * Other keywords pass through untouched.
 *
 * @example
 * import type { OpenApiSchema } from 'typekro';
 * const schema: OpenApiSchema = { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } };
 * schema.properties?.spec?.type; // => 'object'
 */
export interface OpenApiSchema {
  readonly type?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly additionalProperties?: OpenApiSchema | boolean;
  readonly items?: OpenApiSchema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly pattern?: string;
  readonly oneOf?: readonly OpenApiSchema[];
  readonly anyOf?: readonly OpenApiSchema[];
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-embedded-resource'?: boolean;
  readonly [keyword: string]: unknown;
}
