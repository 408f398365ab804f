/**
 * Resources as the model sees them while a composition runs: a mutable record (filled in while the
 * composition function executes) behind a typed handle the user holds. The graph builder freezes
 * records into `ResourceNode`s.
 */
import type { Expr } from '../ir/expr.js';
import type { ExternalRefTarget, ForEachDimension, NestedAt, SourceLocation } from '../ir/graph.js';
import { userLocation } from './call-site.js';
import { trapRefusal } from './definition-scope.js';
import { describeRef, type IteratorRoot, type RefRoot } from './ref-data.js';
import { createRef, type ProxyHooks } from './ref-proxy.js';
import { misplacedRead } from './misplaced.js';
import { TypeKroError } from '../util/errors.js';

export interface ResourceRecord {
  id: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** The client-node model name (`V1Deployment`) used to type references; absent for custom kinds. */
  readonly modelName?: string;
  /** The manifest as built by the factory: plain data, reference proxies, marker strings, ExprValues. */
  readonly manifest: Record<string, unknown>;
  readonly external?: ExternalRefTarget;
  /** True when the id was given explicitly (never renamed). */
  readonly explicitId: boolean;
  readonly readyWhen: Expr[];
  readonly includeWhen: Expr[];
  readonly forEach: ForEachDimension[];
  readonly iterators: IteratorRoot[];
  readonly dependsOn: ResourceRecord[];
  source?: SourceLocation;
  /** For a resource of a nested composition: the parent's call of it (see `ResourceNode.nestedAt`). */
  nestedAt?: NestedAt;
  /**
   * False when the call's result is not this one resource (`const files = yamlFile(...)` makes many), so the
   * variable it is assigned to must not stand for the resource in expressions compiled from source.
   */
  bindsDeclaration?: boolean;
  /**
   * Its handle is held by a local that is `undefined` where the resource is absent (`const c = spec.c ? F(...) : undefined`):
   * a plain read of it throws there in JavaScript, so every read must be guarded (excluded-reads.ts).
   */
  orNothing?: boolean;
  /** Set by the composition run: turns a `withReadyWhen`/`withIncludeWhen` argument into CEL. */
  conditionCompiler?: ConditionCompiler;
  /** Set by the composition run: its `fixedAtDefinition` check, for the handle's own methods (dependsOn). */
  requireFixed?: (argument: FixedArgument) => void;
}

/** An argument the composition run's `fixedAtDefinition` checks: one TypeKro uses at definition, which JavaScript computed on placeholders. */
export interface FixedArgument {
  /** For the message: `the resource id`. */
  readonly what: string;
  /** The argument's position in the call. */
  readonly position: number;
  /** Its property, when the argument is an options object (the whole argument when it is not an object literal). */
  readonly path?: readonly string[];
  /** The way out. */
  readonly hint: string;
  /** A method of a returned handle (`dependsOn`): the call checked must be `<handle>.<method>(...)` (the compiler also reads handles). */
  readonly method?: string;
  /** A resource handle passed as it is (`dependsOn(db)`) is exact; only a choice between handles is not. */
  readonly handles?: boolean;
}

export type ConditionKind = 'readyWhen' | 'includeWhen';
export type ConditionCompiler = (kind: ConditionKind, input: unknown, record: ResourceRecord) => Expr;

const RECORD = Symbol.for('typekro.resourceRecord');
const NESTED_RECORDS = Symbol.for('typekro.nestedRecords');

/** The record behind a resource handle, or `undefined` for anything else. */
export function recordOf(value: unknown): ResourceRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { [RECORD]?: ResourceRecord })[RECORD];
}

/** The records a handle stands for: one resource, or every resource of a nested composition. */
export function recordsOf(value: unknown): ResourceRecord[] {
  const single = recordOf(value);
  if (single) return [single];
  if (typeof value !== 'object' || value === null) return [];
  return (value as { [NESTED_RECORDS]?: ResourceRecord[] })[NESTED_RECORDS] ?? [];
}

/** Marks a nested composition's handle with its records (so `dependsOn(nested)` works). */
export function withNestedRecords<T extends object>(handle: T, records: ResourceRecord[]): T {
  Object.defineProperty(handle, NESTED_RECORDS, { value: records, enumerable: false });
  return handle;
}

/**
 * Gives a nested composition's handle `withIncludeWhen(...)`: the condition joins the includeWhen of each of
 * its resources, as an `if` around the call would (the composition exists as its resources only). In the
 * concrete run the records' compiler notes JavaScript's decision instead, so both runs agree.
 */
export function withNestedIncludeWhen<T extends object>(handle: T, records: readonly ResourceRecord[]): T {
  Object.defineProperty(handle, 'withIncludeWhen', {
    enumerable: false,
    value(condition: unknown) {
      for (const record of records) record.includeWhen.push(compileCondition('includeWhen', condition, record));
      return handle;
    },
  });
  return handle;
}

/**
 * What a condition may be: a JavaScript boolean expression (compiled from source), a reference, `Cel.expr`, or raw CEL text.
 *
 * @example
 * import type { Condition } from 'typekro';
 * const condition: Condition = '${self.status.phase == "Running"}';
 * condition.startsWith('${'); // => true
 */
export type Condition = boolean | string;

/**
 * Methods every resource handle has, besides its typed fields.
 *
 * @example
 * import type { ResourceMethods } from 'typekro';
 * const method: keyof ResourceMethods = 'withReadyWhen';
 * method; // => 'withReadyWhen'
 */
export interface ResourceMethods<TSelf = unknown> {
  /**
   * KRO `readyWhen`: a callback over the resource itself, compiled from source (never executed).
   *
   * @example
   * import { type } from 'arktype';
   * import { kubernetesComposition } from 'typekro';
   * import { Deployment } from 'typekro/simple';
   * const app = kubernetesComposition(
   *   { name: 'api', kind: 'Api', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
   *   (spec) => {
   *     const api = Deployment({ name: spec.name, image: 'nginx' }).withReadyWhen((self) => self.status.readyReplicas > 0);
   *     return { name: api.metadata.name };
   *   },
   * );
   * app.graph.resources[0]!.readyWhen.length; // => 1
   */
  withReadyWhen(condition: ((self: TSelf) => boolean) | Condition): this;
  /**
   * KRO `includeWhen`: create the resource only when the condition holds. A JavaScript condition over the
   * spec (or a callback returning one) is compiled from source.
   *
   * @example
   * import { type } from 'arktype';
   * import { kubernetesComposition } from 'typekro';
   * import { ConfigMap } from 'typekro/simple';
   * const app = kubernetesComposition(
   *   { name: 'tiers', kind: 'Tiers', spec: type({ tier: 'string' }), status: type({ tier: 'string' }) },
   *   (spec) => {
   *     ConfigMap({ name: 'extra', data: {} }).withIncludeWhen(spec.tier === 'paid');
   *     return { tier: spec.tier };
   *   },
   * );
   * app.graph.resources[0]!.includeWhen.length; // => 1
   */
  withIncludeWhen(condition: (() => boolean) | Condition): this;
  /** An ordering edge that no reference implies. */
  dependsOn(...resources: unknown[]): this;
}

/** A typed handle over a record: field reads are references rooted at the resource. */
export function resourceHandle<T>(record: ResourceRecord, hooks: ProxyHooks = {}): T {
  const traps = new HandleTraps(record, hooks);
  const handle: object = new Proxy(Object.create(null) as object, traps);
  traps.handle = handle;
  return handle as T;
}

/**
 * The traps of a resource handle, shared on the prototype (a composition makes a handle per resource). The
 * methods are made on first read, once per handle, as they return the handle itself.
 */
class HandleTraps implements ProxyHandler<object> {
  handle: object = {};
  private readonly root: RefRoot;
  private methods?: Readonly<Record<string, unknown>>;

  constructor(private readonly record: ResourceRecord, private readonly hooks: ProxyHooks) {
    // The id is read when references are compiled (ids are assigned after the composition ran). A method, not
    // an arrow bound to `id`: tsx's esbuild names those with a `defineProperty` call, per resource.
    this.root = { kind: 'resource', resource: { id() { return record.id; }, ...(record.modelName ? { modelName: record.modelName } : {}) } };
  }

  get(_target: object, prop: string | symbol): unknown {
    const { record } = this;
    if (prop === RECORD) return record;
    if (prop === Symbol.toPrimitive) return () => { throw trapRefusal(asText(record)); };
    if (typeof prop === 'symbol' || prop === 'then') return undefined;
    if (prop === 'withReadyWhen' || prop === 'withIncludeWhen' || prop === 'dependsOn') return (this.methods ??= handleMethods(record, this.handle))[prop];
    if (prop === 'apiVersion' || prop === 'kind') return record[prop];
    // A field the live object never has (a Secret's stringData): refused at the read, as deeper ones are in refs.ts.
    const never = misplacedRead(record.modelName, [prop], () => describeRef({ root: this.root, path: [prop] }));
    if (never) throw trapRefusal(never);
    return createRef({ root: this.root, path: [prop] }, this.hooks);
  }
}

/** The methods of `handle` (a resource's), besides its fields. */
function handleMethods(record: ResourceRecord, handle: object): Readonly<Record<string, unknown>> {
  return {
    withReadyWhen(condition: unknown) {
      record.readyWhen.push(compileCondition('readyWhen', condition, record));
      return handle;
    },
    withIncludeWhen(condition: unknown) {
      record.includeWhen.push(compileCondition('includeWhen', condition, record));
      return handle;
    },
    dependsOn(...targets: unknown[]) {
      const hint = 'depend on every candidate (`.dependsOn(a, b)`), or create the dependent resource once per case under `if (...) ... else ...`';
      targets.forEach((_, position) => record.requireFixed?.({ what: 'a dependsOn() target', position, hint, method: 'dependsOn', handles: true }));
      for (const target of targets) {
        const dependencies = recordsOf(target);
        if (dependencies.length === 0) {
          throw new TypeKroError('DEFINITION_INVALID', `dependsOn() of resource "${record.id}" takes resources or nested compositions created in this composition`);
        }
        record.dependsOn.push(...dependencies);
      }
      return handle;
    },
  };
}

/**
 * A handle used as text (`\`http://${svc}\``, `'x' + svc`, `String(svc)`): a resource has no text form (its
 * fields would otherwise be read as `toString`, and JavaScript fails with "Cannot convert object to primitive
 * value"); the user almost always meant its name. Located where JavaScript converts it, as the trap sees it.
 */
function asText(record: ResourceRecord): TypeKroError {
  const name = record.id || 'resource';
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${userLocation()}: the ${record.kind} \`${name}\` is used as text (in a template literal, a \`+\` or String()), and a resource has no text form\n  hint: use the field you mean: \`${name}.metadata.name\` for its name, or a field of its status (\`${name}.status.<field>\`)`,
  );
}

function compileCondition(kind: ConditionKind, input: unknown, record: ResourceRecord): Expr {
  if (!record.conditionCompiler) {
    throw new TypeKroError('USAGE', `${kind}() on resource "${record.id}" needs to be called inside a composition function`);
  }
  return record.conditionCompiler(kind, input, record);
}
