/**
 * Trial 8 T08: a module object changed after its declaration where the write analysis does not look (an
 * overlay module imported for its effect, or this file writing to an imported object). The compiled graph
 * took the declaration's value (`docker.io`, one port) while JavaScript used the changed one (`ghcr.io/acme`,
 * two ports): what ran was not what the code says. The value the composition saw is read from the running
 * function (composition/module-values.ts); when it differs from the declaration, the read is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';
import { LIMITS, PORTS, settings } from './fixtures/overlay/settings.js';
import './fixtures/overlay/overlay.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'overlay.typekro.dev/v1alpha1',
  kind: 'Overlay',
  spec: type({ name: 'string', size: "'small' | 'large'" }),
  status: type({ 'image?': 'string', 'ports?': 'number' }),
};
const HINT = 'or pass the value through the spec';

describe('a module object changed after its declaration', () => {
  it('is refused where the composition reads it, with both values', () => {
    const image = refusal(() =>
      kubernetesComposition({ ...definition, name: 'overlay-image' }, (spec) => {
        Deployment({ name: spec.name, image: `${settings.registry}/${spec.name}` });
        return {};
      }),
    );
    assert.equal(
      image,
      `${at("'overlay-image'", 'settings.registry}')}: \`settings\` was changed after it was declared, where TypeKro does not see it (by another module, or a function it calls): when the composition ran it held {"registry":"ghcr.io/acme"}, while its declaration gives {"registry":"docker.io"}\n` +
        `    settings\n  hint: give \`settings\` its final value where it is declared (e.g. \`export const settings = { registry: process.env.REGISTRY ?? 'docker.io' }\`), ${HINT}`,
    );
    const ports = refusal(() =>
      kubernetesComposition({ ...definition, name: 'overlay-ports' }, (spec) => ({ ports: PORTS.length + (spec.name === '' ? 1 : 0) })),
    );
    assert.match(ports, /`PORTS` was changed after it was declared, .*: when the composition ran it held \[80,443\], while its declaration gives \[80\]/);
  });

  it('compiles as its declaration says when nothing changed it, and agrees with JavaScript', () => {
    const app = kubernetesComposition({ ...definition, name: 'overlay-untouched' }, (spec) => {
      Deployment({ name: spec.name, image: 'nginx', resources: { limits: { memory: LIMITS[spec.size] } } });
      return { image: `nginx-${LIMITS[spec.size]}` };
    });
    assert.match(app.toYaml(), /256Mi/);
    const report = runCase('overlay-untouched', { composition: app as never, spec: { name: 'web', size: 'small' } });
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  });
});
