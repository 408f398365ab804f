/**
 * A timestamp JavaScript reads as text. The API server writes `metav1.Time` fields (`creationTimestamp`, a
 * condition's `lastTransitionTime`) as RFC 3339 in UTC with whole seconds, and CEL's `string()` of such a
 * timestamp prints the same characters (cel-go: test/cel/oracle-answers.jsonl, kro/time/typed-timestamp-string;
 * ours: test/cel/parity.test.ts). So `String(ts)`, `${ts}`, `ts ?? 'x'` and `ts === text` compile to `string(ts)`.
 * A date-time field of a CRD holds whatever its writer put there (fractions, offsets): those are refused, and
 * the hints do not lead from one refusal into the other.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, crdFactory, kubernetesComposition, type CompositionSyntaxError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { instanceStatus, prepareGraph } from '../../src/runtime/engine/index.js';

const definition = { apiVersion: 'time.typekro.dev/v1alpha1', spec: type({ x: 'string' }) };

const app = kubernetesComposition(
  { ...definition, name: 'created', kind: 'Created', status: type({ created: 'string', text: 'string', orUnknown: 'string', same: 'boolean' }) },
  (spec, instance) => {
    ConfigMap({ name: 'stamp', data: { at: `at ${instance.metadata.creationTimestamp}` } });
    return {
      created: String(instance.metadata.creationTimestamp),
      text: `${instance.metadata.creationTimestamp}`,
      // client-node types the field as a Date; what JavaScript reads from the API is its text.
      orUnknown: (instance.metadata.creationTimestamp as unknown as string | undefined) ?? 'unknown',
      same: (instance.metadata.creationTimestamp as unknown as string) === spec.x,
    };
  },
);

test('a Kubernetes timestamp used as text compiles to string(...), which prints the text the API server wrote', () => {
  const rgd = compileRgd(app.graph) as unknown as { spec: { schema: { status: Record<string, string> }; resources: { template: { data: unknown } }[] } };
  assert.deepEqual(rgd.spec.schema.status, {
    created: '${string(schema.metadata.creationTimestamp)}',
    text: '${string(schema.metadata.creationTimestamp)}',
    orUnknown: '${has(schema.metadata.creationTimestamp) ? string(schema.metadata.creationTimestamp) : "unknown"}',
    same: '${has(schema.metadata.creationTimestamp) && string(schema.metadata.creationTimestamp) == schema.spec.x}',
  });
  assert.deepEqual(rgd.spec.resources[0]?.template.data, { at: 'at ${string(schema.metadata.creationTimestamp)}' });
});

test('evaluated, each status field is what JavaScript gives for the text the API server wrote', () => {
  const creationTimestamp = '2026-01-02T03:04:05Z';
  const prepared = prepareGraph(app.graph, createCelEngine());
  const instance = { name: 'a', namespace: 'prod', assigned: { uid: 'u', creationTimestamp, generation: 1 } };
  const { status } = instanceStatus(prepared, { spec: { x: creationTimestamp }, instance, observed: new Map() });
  // JavaScript on the same data: the field is that string.
  const js = { created: String(creationTimestamp), text: `${creationTimestamp}`, orUnknown: creationTimestamp ?? 'unknown', same: creationTimestamp === creationTimestamp };
  assert.deepEqual(status, js);
});

const widgetSchema = { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } }, status: { type: 'object', properties: { lastUpdate: { type: 'string', format: 'date-time' }, firstUpdate: { type: 'string', format: 'date-time' } } } } } as const;
const widget = crdFactory<{ spec: { size: number }; status?: { lastUpdate?: string; firstUpdate?: string } }>({
  group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', scope: 'Namespaced', factoryName: 'widget', schema: widgetSchema,
});

const refusal = (define: () => unknown): CompositionSyntaxError => {
  try {
    define();
  } catch (error) {
    return error as CompositionSyntaxError;
  }
  return assert.fail('the composition was accepted');
};
const widgetDefinition = { ...definition, kind: 'WidgetTime', status: type({ t: 'string' }) };

test("a CRD's date-time field is refused as text, with a way out that is not String(...) again", () => {
  const asText = refusal(() => kubernetesComposition({ ...widgetDefinition, name: 'as-text' }, () => {
    const w = widget({ name: 'w', spec: { size: 1 } });
    return { t: String(w.status.lastUpdate) };
  }));
  assert.match(asText.message, /^.*timestamp-text\.test\.ts:\d+:\d+: this timestamp field \(format date-time in its schema\) is text in JavaScript/);
  assert.equal(asText.construct, 'String(w.status.lastUpdate)');
  assert.equal(asText.hint, "write the CEL yourself with Cel.expr<string>('string(', value, ')') if the normalized RFC 3339 form is what you want");
  const defaulted = refusal(() => kubernetesComposition({ ...widgetDefinition, name: 'defaulted' }, () => {
    const w = widget({ name: 'w', spec: { size: 1 } });
    return { t: w.status.lastUpdate ?? 'never' };
  }));
  assert.match(defaulted.message, /timestamp-text\.test\.ts:\d+:\d+: the two branches have different types \(timestamp and string\)/);
  assert.equal(defaulted.construct, "w.status.lastUpdate ?? 'never'");
  assert.equal(defaulted.hint, 'make both branches the same type (both text, both numbers, both lists...)');
});

test('branches of text and a number are an int or a string, which a status field of text cannot take: String(...) of the choice gives JavaScript\'s text', () => {
  const error = refusal(() => kubernetesComposition({ apiVersion: 'time.typekro.dev/v1alpha1', spec: type({ n: 'number.integer', s: 'string', on: 'boolean' }), name: 'mixed', kind: 'Mixed', status: type({ t: 'string' }) }, (spec) => ({
    t: spec.on ? spec.s : (spec.n as unknown as string),
  })));
  assert.equal(error.hint, 'convert it to text with String(spec.on ? spec.s : (spec.n as unknown as string)) (or a template literal), or change the field in the status schema to what the value is');
});

test("`>` and `===` on a CRD's date-time fields are refused: JavaScript compares the text as written, CEL the instants (trial 7 V24)", () => {
  // '2024-01-01T10:00:00+05:30' > '2024-01-01T04:45:00Z' is true as text, false as instants; so is '…00Z' > '…00.5Z'.
  const later = refusal(() => kubernetesComposition({ ...widgetDefinition, name: 'later', status: type({ b: 'boolean' }) }, () => {
    const w = widget({ name: 'w', spec: { size: 1 } });
    return { b: w.status.lastUpdate! > w.status.firstUpdate! };
  }));
  assert.equal(later.construct, 'w.status.lastUpdate! > w.status.firstUpdate!');
  assert.match(later.message, /timestamp-text\.test\.ts:\d+:\d+: `>` on a date-time field \(format date-time in its schema\) compares its text in JavaScript, in whatever form its writer chose \(an offset, trimmed fractional seconds\), while CEL compares the instants\n/);
  assert.equal(later.hint, "compare the instants with Cel.expr<boolean>(a, ' > ', b) if that is what you mean");
  const same = refusal(() => kubernetesComposition({ ...widgetDefinition, name: 'same', status: type({ b: 'boolean' }) }, () => {
    const w = widget({ name: 'w', spec: { size: 1 } });
    return { b: w.status.lastUpdate === w.status.firstUpdate };
  }));
  assert.equal(same.construct, 'w.status.lastUpdate === w.status.firstUpdate');
  assert.match(same.message, /: `===` on a date-time field \(format date-time in its schema\) compares its text in JavaScript/);
  assert.equal(same.hint, "compare the instants with Cel.expr<boolean>(a, ' == ', b) if that is what you mean");
});

test("Kubernetes' own timestamps (whole seconds, UTC) still compare: text and instants agree", () => {
  const ordered = kubernetesComposition({ ...definition, name: 'ordered', kind: 'Ordered', status: type({ b: 'boolean' }) }, (_spec, instance) => ({
    b: instance.metadata.creationTimestamp! < instance.metadata.creationTimestamp!,
  }));
  assert.match(ordered.toYaml(), /creationTimestamp < /);
});

test("the refusals' way out means in direct mode what it means in KRO: nanoseconds and the offset kept (trial 7 V23)", () => {
  const stamps = kubernetesComposition({ ...widgetDefinition, name: 'stamps', status: type({ t: 'string', later: 'boolean', same: 'boolean', step: 'string' }) }, () => {
    const w = widget({ name: 'w', spec: { size: 1 } });
    return {
      t: Cel.expr<string>('string(', w.status.lastUpdate, ')'),
      later: Cel.expr<boolean>(w.status.lastUpdate, ' > ', w.status.firstUpdate),
      same: Cel.expr<boolean>(w.status.lastUpdate, ' == ', w.status.firstUpdate),
      step: Cel.expr<string>('string(', w.status.lastUpdate, ' + duration("1h1us"))'),
    };
  });
  const prepared = prepareGraph(stamps.graph, createCelEngine());
  const instance = { name: 'a', namespace: 'prod' };
  const statusFor = (lastUpdate: string, firstUpdate: string) => {
    const observed = new Map([['w', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'prod' }, spec: { size: 1 }, status: { lastUpdate, firstUpdate } }]]);
    // Typed by the CRD's schema, as the API server serves it to direct mode (and as KRO types it).
    return instanceStatus(prepared, { spec: { x: '' }, instance, observed, schemas: new Map([['w', widgetSchema]]) }).status;
  };
  // cel-go's answers (KRO v0.9.4; test/cel/oracle-answers.jsonl: kro/time/observed-*, timestamp-offset-plus-duration):
  // before, direct mode printed '…00.123Z', '…04:30:00Z' and compared within a millisecond as equal.
  assert.deepEqual(statusFor('2024-01-01T00:00:00.123456Z', '2024-01-01T00:00:00.1234Z'), { t: '2024-01-01T00:00:00.123456Z', later: true, same: false, step: '2024-01-01T01:00:00.123457Z' });
  assert.deepEqual(statusFor('2024-01-01T10:00:00.5+05:30', '2024-01-01T04:30:00.5Z'), { t: '2024-01-01T10:00:00.5+05:30', later: false, same: true, step: '2024-01-01T11:00:00.500001+05:30' });
});
