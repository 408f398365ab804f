/**
 * Int-or-string fields (`x-kubernetes-int-or-string`: a Service's `targetPort`, a PodDisruptionBudget's
 * `maxUnavailable`, such a field of a CRD): the value is an int or a string, nothing else. `.length`, `[0]` and
 * the methods strings have mean one thing on a string and another on a number in JavaScript, so they are
 * refused; the message says the type is known (an int or a string) rather than "not declared", and gives the
 * ways out, which are held to JavaScript here on both kinds of value: `String(x)` / `x.toString()` (CEL's
 * `string(...)`, exact for both) and CEL's `type(x) == int`. Text beside an integer (`spec.portName ?? 8080`) is such a
 * value too: it compiles to the choice in `dyn(...)`, keeps a port 8080 a number and a name "8080" text, and is
 * refused where a field of it would be.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, crdFactory, evaluateConcrete, kubernetesComposition, podDisruptionBudget } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { Service } from '../../src/simple.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { prepareGraph } from '../../src/runtime/engine/prepared.js';
import { reportInstance } from '../../src/runtime/engine/index.js';
import type { Observed } from '../../src/runtime/engine/types.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ name: 'string', port: 'number.integer' });
const WHY = 'on an int-or-string field (x-kubernetes-int-or-string: an int or a string, e.g. a port 8080 or "http", a count 1 or "25%") cannot be compiled exactly: JavaScript gives it a different meaning on a number and on a string';
const HINT = "  hint: convert it to text first with String(value) (CEL's string(...), exact for both, e.g. String(value).length), or tell the two apart in CEL with Cel.expr<boolean>('type(', value, ') == int')";

test("`.length`, `[0]` and a string method on a Service's targetPort are refused, naming the type as an int or a string", () => {
  const status = type({ v: 'unknown' });
  assert.equal(
    refusal(() =>
      kubernetesComposition({ name: 'port-length', kind: 'Ports', spec, status }, (s) => {
        const svc = Service({ name: s.name, selector: { app: 'a' }, ports: [{ port: 80, targetPort: s.port }] });
        return { v: (svc.spec!.ports![0]!.targetPort as string).length };
      }),
    ),
    `${at("'port-length'", '(svc.spec')}: \`.length\` ${WHY}\n    (svc.spec!.ports![0]!.targetPort as string).length\n${HINT}`,
  );
  assert.equal(
    refusal(() =>
      kubernetesComposition({ name: 'port-index', kind: 'Ports', spec, status }, (s) => {
        const svc = Service({ name: s.name, selector: { app: 'a' }, ports: [{ port: 80, targetPort: s.port }] });
        return { v: (svc.spec!.ports![0]!.targetPort as string)[0] };
      }),
    ),
    `${at("'port-index'", '(svc.spec')}: \`[0]\` ${WHY}\n    (svc.spec!.ports![0]!.targetPort as string)[0]\n${HINT}`,
  );
  assert.equal(
    refusal(() =>
      kubernetesComposition({ name: 'port-slice', kind: 'Ports', spec, status }, (s) => {
        const svc = Service({ name: s.name, selector: { app: 'a' }, ports: [{ port: 80, targetPort: s.port }] });
        return { v: (svc.spec!.ports![0]!.targetPort as string).slice(1) };
      }),
    ),
    `${at("'port-slice'", '(svc.spec')}: \`.slice(...)\` ${WHY}\n    (svc.spec!.ports![0]!.targetPort as string).slice(1)\n${HINT}`,
  );
});

test("a PodDisruptionBudget's maxUnavailable and a CRD's int-or-string field get the same message", () => {
  assert.equal(
    refusal(() =>
      kubernetesComposition({ name: 'pdb-length', kind: 'Budget', spec, status: type({ v: 'number' }) }, (s) => {
        const pdb = podDisruptionBudget({ metadata: { name: s.name }, spec: { maxUnavailable: '25%', selector: { matchLabels: { app: 'a' } } } });
        return { v: (pdb.spec!.maxUnavailable as string).length };
      }),
    ),
    `${at("'pdb-length'", '(pdb.spec')}: \`.length\` ${WHY}\n    (pdb.spec!.maxUnavailable as string).length\n${HINT}`,
  );
  const gate = crdFactory<{ spec: { name: string }; status?: { limit?: number | string } }>({
    group: 'example.com', version: 'v1', kind: 'Gate', plural: 'gates', scope: 'Namespaced', factoryName: 'gate',
    schema: { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string' } } }, status: { type: 'object', properties: { limit: { 'x-kubernetes-int-or-string': true } } } } },
  });
  assert.equal(
    refusal(() =>
      kubernetesComposition({ name: 'crd-index', kind: 'Gated', spec, status: type({ v: 'string' }) }, (s) => {
        const g = gate({ name: s.name, spec: { name: s.name } });
        return { v: (g.status!.limit as string)[0] ?? '' };
      }),
    ),
    `${at("'crd-index'", '(g.status')}: \`[0]\` ${WHY}\n    (g.status!.limit as string)[0]\n${HINT}`,
  );
});

test('the ways out compile and agree with JavaScript on an int and on a string', () => {
  const ports = kubernetesComposition(
    { name: 'port-text', kind: 'PortText', spec, status: type({ isInt: 'boolean', text: 'string', converted: 'string', size: 'number' }) },
    (s) => {
      const svc = Service({ name: s.name, selector: { app: 'a' }, ports: [{ port: 80, targetPort: s.port }] });
      const port = svc.spec!.ports![0]!.targetPort!;
      return { isInt: Cel.expr<boolean>('type(', port, ') == int'), text: port.toString(), converted: String(port), size: String(port).length };
    },
  );
  const yaml = ports.toYaml();
  assert.match(yaml, /text: \$\{string\(svc\.spec\.ports\[0\]\.targetPort\)\}/);
  // a length of text counts UTF-16 code units, as JavaScript's (analysis/utf16.ts)
  assert.ok(yaml.includes('size: ${size(string(svc.spec.ports[0].targetPort)) + size(string(svc.spec.ports[0].targetPort).split("").filter(c, c > "\\uffff"))}'), yaml);
  const prepared = prepareGraph(ports.graph, createCelEngine());
  for (const targetPort of [8080, 'http'] as const) {
    const observed: Observed = new Map([['svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'w', namespace: 'dev' }, spec: { selector: { app: 'a' }, ports: [{ port: 80, targetPort }] } }]]);
    const report = reportInstance(prepared, { spec: { name: 'w', port: 8080 }, instance: { name: 'w', namespace: 'dev' }, observed });
    assert.deepEqual(report.status, { isInt: typeof targetPort === 'number', text: targetPort.toString(), converted: String(targetPort), size: String(targetPort).length });
  }
});

test("text beside an integer in a Service's targetPort (`spec.portName ?? 8080`) is the value JavaScript chooses, an int or a string, in dyn(...)", () => {
  const named = type({ name: 'string', 'portName?': 'string' });
  const ports = kubernetesComposition({ name: 'port-choice', kind: 'PortChoice', spec: named, status: type({ text: 'string' }) }, (s) => {
    const target = s.portName ?? 8080;
    Service({ name: s.name, selector: { app: 'a' }, ports: [{ port: 80, targetPort: target }] });
    return { text: String(target) };
  });
  assert.match(ports.toYaml(), /targetPort: "\$\{has\(schema\.spec\.portName\) \? dyn\(schema\.spec\.portName\) : dyn\(8080\)\}"/);
  for (const portName of [undefined, 'http', '8080', '']) {
    const specValue = { name: 'w', ...(portName !== undefined && { portName }) };
    const simulated = simulate(ports, specValue);
    const concrete = evaluateConcrete(ports, specValue);
    const target = (m: unknown): unknown => (m as { spec: { ports: { targetPort: unknown }[] } }).spec.ports[0]?.targetPort;
    // 8080 stays the number 8080 and a name "8080" stays text, as JavaScript gives them.
    assert.deepEqual(simulated.manifests.map(target), [portName ?? 8080]);
    assert.deepEqual(concrete.resources.flatMap((r) => r.manifests.map(target)), [portName ?? 8080]);
    assert.deepEqual(simulated.status, { text: String(portName ?? 8080) });
  }
});

test('what means one thing on a number and another on text is refused on such a choice as on an int-or-string field; a status field of text takes it through String(...)', () => {
  const named = type({ name: 'string', 'portName?': 'string' });
  assert.equal(
    refusal(() =>
      kubernetesComposition({ name: 'choice-length', kind: 'Ports', spec: named, status: type({ v: 'number' }) }, (s) => {
        const target = s.portName ?? 8080;
        return { v: (target as string).length };
      }),
    ),
    `${at("'choice-length'", '(target')}: \`.length\` ${WHY}\n    (target as string).length\n${HINT}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ name: 'choice-status', kind: 'Ports', spec: named, status: type({ v: 'string' }) }, (s) => ({ v: (s.portName ?? 8080) as string }))),
    `${at("'choice-status'", '(s.portName')}: composition "choice-status": the status field \`v\` is declared as 'string', but its value is an integer or a string: KRO and direct mode would both report that value (KRO types the instance's CRD field by it), while the TypeScript type of the status promises the declared one\n    (s.portName ?? 8080) as string\n  hint: convert it to text with String(s.portName ?? 8080) (or a template literal), or change the field in the status schema to what the value is`,
  );
});
