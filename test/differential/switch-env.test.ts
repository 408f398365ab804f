/**
 * `switch` around factory calls and `process.env.NAME` inside the composition (switch-env-cases.ts): the
 * compiled graph agrees with JavaScript for every spec and observed state, and the includeWhen of each case
 * is the one written out here, so an agreement on a wrong graph fails too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { printCel } from '../../src/compile/cel/print.js';
import { runCase } from './harness.js';
import { switchEnvCases } from './switch-env-cases.js';

describe('switch and process.env', () => {
  for (const [name, entry] of Object.entries(switchEnvCases)) {
    it(`${name}: the compiled graph agrees with JavaScript`, () => {
      const report = runCase(name, entry);
      assert.ok(report.evaluations >= (entry.specs?.length ?? 2), `${report.evaluations} evaluations`);
      assert.deepEqual(report.findings, []);
    });
  }

  it('each case is an includeWhen written from the === tests that lead into it', () => {
    const includeWhen = (name: string): Record<string, string[]> =>
      Object.fromEntries(switchEnvCases[name]!.composition.graph.resources.map((r) => [r.id, r.includeWhen.map((e) => printCel(e))]));
    const tier = 'schema.spec.tier';
    assert.deepEqual(includeWhen('switch-tiers'), {
      configMap2: [`${tier} == "dev"`],
      deployment: [`${tier} == "qa" || ${tier} == "test"`],
      configMap: [`!(${tier} == "dev" || ${tier} == "qa" || ${tier} == "test" || ${tier} == "prod")`],
      deployment2: [`${tier} == "prod"`],
      service: [`${tier} == "prod"`],
      web: [],
    });
    const n = 'schema.spec.n';
    // `default` is entered when no label matches, also one written after it; a label written twice never
    // enters the second time, so JavaScript never makes that case's ConfigMap, and neither does the graph.
    const none = `!(${n} == 1 || ${n} == 2 || ${n} == 3 || ${n} == 1 || ${n} == -1)`;
    assert.deepEqual(includeWhen('switch-fallthrough'), {
      configMapOne: [`${n} == 1`],
      configMapOneOrTwo: [`${n} == 1 || ${n} == 2`],
      configMapNoneOrThree: [none],
      configMapThree: [`${n} == 3 || ${none}`],
      configMapMinusOne: [`${n} == -1`],
    });
    // Labels that may both match: execution enters at the first.
    assert.deepEqual(includeWhen('switch-first-match').configMapMedium, ['true == (schema.spec.n > 1) && !(true == (schema.spec.n > 3))']);
    assert.deepEqual(includeWhen('switch-first-match').configMapNamedMode, ['schema.spec.name == "blue" && !(schema.spec.name == "a")']);
    // In a loop over a spec list, the case filters the list; on a constant, JavaScript decided.
    const loops = switchEnvCases['switch-loops']!.composition.graph.resources;
    assert.deepEqual(loops.map((r) => r.forEach.map((f) => printCel(f.source))).flat(), ['schema.spec.workers.filter(worker, worker.kind == "web")', 'schema.spec.workers.filter(worker, !(worker.kind == "web"))']);
    assert.deepEqual(loops.map((r) => r.id), ['deployment', 'configMap', 'configMapProdEu', 'configMapProdUs', 'configMapDevEu', 'configMapModeBlue']);
  });

  it('a let each case assigns, passed as an option: omit() where no case assigns it, and never-entered arms never asked', () => {
    const rgd = parse((switchEnvCases['switch-omitted-option']!.composition as unknown as { toYaml(): string }).toYaml()) as { spec: { resources: { id: string; template: { spec: { replicas: string } } }[] } };
    const replicas = Object.fromEntries(rgd.spec.resources.map((r) => [r.id, r.template.spec.replicas]));
    const n = 'schema.spec.n';
    assert.deepEqual(replicas, {
      // After the enumeration's last value: never entered, so the omit() arm is never evaluated.
      deployment: '${schema.spec.tier == "dev" ? 1 : schema.spec.tier == "prod" ? 3 : omit()}',
      // The label written again is gone (its test is false); `case 3` after `default` is the omitted value it assigns.
      other: `\${${n} == 1 ? 2 : !(${n} == 1 || ${n} == 1 || ${n} == 3) ? ${n} : omit()}`,
    });
  });
});
