/**
 * Refusals a new user (trial 14) found misleading: a closure an imported helper returns is pointed at the
 * helper called directly (F1), and a resource reading a conditional nested composition under a guard is told
 * what JavaScript does (it creates the resource when the local is undefined; F10).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const apiVersion = 'trial14.typekro.dev/v1';

function label(prefix: string): (n: string) => string {
  return (n) => `${prefix}-${n}`;
}

test('a closure a helper returns is refused with the helper called directly as the way out (F1)', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 't14-closure', apiVersion, kind: 'T14Closure', spec: type({ name: 'string' }), status: type({ who: 'string' }) }, (spec) => {
      const lab = label('team');
      const cm = ConfigMap({ name: spec.name, data: { who: lab(spec.name) } });
      return { who: cm.data.who ?? 'none' };
    }),
  );
  assert.equal(
    message,
    `${at('const cm = ConfigMap', 'lab(spec.name)')}: \`lab(...)\` is a JavaScript function; it cannot run in CEL\n` +
      '    lab(spec.name)\n' +
      '  hint: call a helper directly instead of the function `label` returns: a function or const arrow declared by name whose body is one expression, given every value in one call (e.g. `label(a, b)` returning the value, not an arrow); or write the CEL yourself with Cel.expr(...)',
  );
});

const child = kubernetesComposition(
  { name: 't14-child', apiVersion, kind: 'T14Child', spec: type({ name: 'string' }), status: type({ url: 'string' }) },
  (spec) => {
    const d = Deployment({ name: spec.name, image: 'nginx' });
    return { url: `http://${d.metadata.name}` };
  },
);

test('a guarded read of a conditional nested composition in a resource says what JavaScript does (F10)', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 't14-guarded', apiVersion, kind: 'T14Guarded', spec: type({ name: 'string', 'withDb?': 'boolean' }), status: type({ db: 'string' }) }, (spec) => {
      const db = spec.withDb ? child({ name: `${spec.name}-db` }) : undefined;
      const cfg = ConfigMap({ name: `${spec.name}-cfg`, data: { DB: db ? db.status.url : 'none' } });
      return { db: cfg.data.DB ?? 'none' };
    }),
  );
  assert.equal(
    message,
    `${at('const cfg = ConfigMap', 'ConfigMap(')}: resource "cfg" reads nested composition "db", which exists only when spec.withDb: KRO skips every resource that reads a skipped one, while JavaScript still creates "cfg" when "db" is undefined\n` +
      '  hint: create "cfg" under the same condition (inside the same `if`, or .withIncludeWhen(spec.withDb)), or do not read "db" from it; a status field may read it under a guard (`db ? <read> : <fallback>`)',
  );
});
