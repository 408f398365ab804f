import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCelEngine } from './engine.js';
import { standInCel } from './stand-in.js';

const cel = createCelEngine();
const manifest = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { ports: [{ port: 80 }], selector: { app: 'web' } } };
const run = (source: string) => cel.evaluate(cel.compile(source, { variables: ['svc'] }), { svc: standInCel('svc', manifest) });
const unset = (path: string) => ({ kind: 'pending', reason: `${path} is not set by the manifest of svc: only the cluster knows it` });

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
});
