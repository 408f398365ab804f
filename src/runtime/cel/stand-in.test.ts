import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { celToJson } from './convert.js';
import { createCelEngine } from './engine.js';
import { isPendingError } from './classify.js';
import { standInCel } from './stand-in.js';

const cel = createCelEngine();
const manifest = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { ports: [{ port: 80 }], selector: { app: 'web' }, externalIPs: ['192.0.2.1'] } };
const run = (source: string) => cel.evaluate(cel.compile(source, { variables: ['svc'] }), { svc: standInCel('svc', manifest) });
const unset = (path: string) => ({ kind: 'pending', reason: `${path} is not set by the manifest of svc: only the cluster knows it` });
const whole = (path: string) => `${path} is used as a whole object, to which the cluster may add fields the manifest of svc does not set (defaults): only the cluster knows it`;

describe('stand-ins: a rendered manifest for the live object', () => {
  it('reads what the manifest sets, whatever tests its presence', () => {
    const cases: [string, unknown][] = [
      ['svc.metadata.name', 'web'],
      ['svc.?metadata.?name.orValue("none")', 'web'],
      ['has(svc.metadata.name)', true],
      ['svc.spec.ports[?0].?port.orValue(0)', 80n],
      ['svc.spec.ports.map(p, p.port)', [80n]],
      ['"app" in svc.metadata.labels', true],
      ['svc.metadata.labels[?"app"].orValue("")', 'web'],
      ['size(svc.spec.ports)', 1n],
    ];
    for (const [source, value] of cases) assert.deepEqual(run(source), { kind: 'value', value }, source);
  });

  it('makes a field the manifest does not set unknown (pending), not absent: no default, no presence test hides it', () => {
    const cases: [string, string][] = [
      ['svc.spec.clusterIP', 'svc.spec.clusterIP'],
      ['svc.spec.?clusterIP.orValue("none")', 'svc.spec.clusterIP'],
      ['has(svc.spec.clusterIP) ? svc.spec.clusterIP : "none"', 'svc.spec.clusterIP'],
      ['svc.spec.ports[?0].?targetPort.orValue(0)', 'svc.spec.ports[0].targetPort'],
      ['svc.spec.ports.map(p, has(p.protocol))', 'svc.spec.ports[0].protocol'],
      ['svc.?status.?loadBalancer.orValue({}) == {}', 'svc.status'],
      ['"team" in svc.metadata.labels', 'svc.metadata.labels.team'],
      ['svc.metadata.labels[?"team"].orValue("none")', 'svc.metadata.labels.team'],
      ['has(svc.spec.sessionAffinity) && svc.spec.sessionAffinity != "" ? svc.spec.sessionAffinity : "unset"', 'svc.spec.sessionAffinity'],
    ];
    for (const [source, path] of cases) assert.deepEqual(run(source), unset(path), source);
  });

  it('keeps a value that does not depend on the unknown field (cel-go: unknown || true is true)', () => {
    assert.deepEqual(run('has(svc.spec.clusterIP) || true'), { kind: 'value', value: true });
  });

  it('makes an object used whole unknown: compared, sized, iterated, or copied out (the cluster adds its defaults)', () => {
    const cases: [string, string][] = [
      ['svc.spec.ports[0] == {"port": 80}', 'svc.spec.ports[0]'],
      ['svc.spec.ports == [{"port": 80}]', 'svc.spec.ports[0]'],
      ['size(svc.metadata.labels)', 'svc.metadata.labels'],
      ['svc.metadata.labels.all(k, k == "app")', 'svc.metadata.labels'],
      ['svc.spec.selector.map(k, k)', 'svc.spec.selector'],
    ];
    for (const [source, path] of cases) assert.deepEqual(run(source), { kind: 'pending', reason: whole(path) }, source);
    // A result holding one of its objects (`ports: svc.spec.ports`) has no JSON form offline.
    for (const [source, path] of [['svc.spec.ports', 'svc.spec.ports[0]'], ['svc.spec.selector', 'svc.spec.selector'], ['[svc.metadata]', 'svc.metadata']] as const) {
      const result = run(source);
      assert.equal(result.kind, 'value', source);
      assert.throws(() => celToJson(result.kind === 'value' ? result.value : undefined), (error: unknown) => isPendingError(error) && (error as Error).message === whole(path), source);
    }
  });

  it('keeps a list of plain values, its size and its items (the cluster adds no items)', () => {
    const result = run('svc.spec.externalIPs');
    assert.deepEqual(result.kind === 'value' ? celToJson(result.value) : result, ['192.0.2.1']);
    assert.deepEqual(run('size(svc.spec.externalIPs)'), { kind: 'value', value: 1n });
    assert.deepEqual(run('svc.spec.externalIPs == ["192.0.2.1"]'), { kind: 'value', value: true });
  });
});
