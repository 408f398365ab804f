/**
 * Issue 10's silent divergences found by the new-user trial (trial REPORT A1-A4, B16), each refused when the
 * composition is defined, with its exact message (file:line:column, the construct, the way out), or since
 * compiled to what JavaScript means (A4's bare optional read, held to JavaScript by the differential harness). The
 * constructs that stay accepted beside them are checked too, so a refusal that spreads fails here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Job } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';
import { runCase } from '../differential/harness.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'sound.typekro.dev/v1alpha1',
  kind: 'Sound',
  spec: type({ prod: 'boolean', db: 'boolean', name: 'string', 'level?': /^[ -~]*$/, 'replicas?': 'number.integer', workers: type({ name: 'string', 'port?': 'number.integer' }).array() }),
  status: type({ 'n?': 'number', 'v?': 'string' }),
};

const EVAL_HINT = 'hint: write the CEL yourself with Cel.expr(...)';

test('A1: eval, Function and globalThis in the composition body are refused, not kept as constants', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'eval-body' }, (spec) => {
      ConfigMap({ name: 'e', data: { a: eval('spec.prod ? "prod" : "dev"') as string } });
      return {};
    })),
    `${at("'eval-body'", "eval('spec")}: \`eval(...)\` is a JavaScript function; it cannot run in CEL\n    eval('spec.prod ? "prod" : "dev"')\n  ${EVAL_HINT}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'eval-const' }, (spec) => {
      const chosen = eval('spec.prod ? "C1" : "C2"') as string;
      return { v: chosen };
    })),
    `${at("'eval-const'", "eval('spec")}: \`eval(...)\` is a JavaScript function; it cannot run in CEL\n    eval('spec.prod ? "C1" : "C2"')\n  ${EVAL_HINT}`,
  );
  const forms: readonly (readonly [string, () => unknown, string])[] = [
    ['new Function', () => kubernetesComposition({ ...definition, name: 'new-function' }, (spec) => {
      ConfigMap({ name: 'f', data: { a: new Function('s', 'return s.prod ? "a" : "b"')(spec) as string } });
      return {};
    }), 'this call cannot be compiled to CEL'],
    ['Function()', () => kubernetesComposition({ ...definition, name: 'function-call' }, () => {
      ConfigMap({ name: 'f', data: { a: Function('return "a"')() as string } });
      return {};
    }), 'this call cannot be compiled to CEL'],
    ['globalThis.eval', () => kubernetesComposition({ ...definition, name: 'global-eval' }, () => {
      ConfigMap({ name: 'f', data: { a: globalThis.eval('"a"') as string } });
      return {};
    }), '`globalThis` reaches `eval` and `Function`, whose code TypeKro cannot read'],
    ['indirect eval', () => kubernetesComposition({ ...definition, name: 'indirect-eval' }, () => {
      ConfigMap({ name: 'f', data: { a: (0, eval)('"a"') as string } });
      return {};
    }), 'this call cannot be compiled to CEL'],
    ['eval in a condition', () => kubernetesComposition({ ...definition, name: 'eval-if' }, (spec) => {
      if (eval('spec.prod')) ConfigMap({ name: 'f', data: {} });
      return {};
    }), '`eval(...)` is a JavaScript function; it cannot run in CEL'],
  ];
  for (const [name, define, fragment] of forms) {
    const message = refusal(define);
    assert.match(message, /^<this file>:\d+:\d+: /, name);
    assert.ok(message.includes(fragment), `${name}: ${message}`);
  }
});

test('A2: a manifest field the spec may leave undefined compiles to what the factory makes of undefined (it was refused before omit())', () => {
  // ConfigMap passes labels on as they are and Deployment its replicas (left out: `omit()`); Job defaults restartPolicy.
  const app = kubernetesComposition({ ...definition, name: 'undefined-label' }, (spec) => {
    ConfigMap({ name: 'u', labels: { tier: spec.prod ? 'dev' : undefined } as Record<string, string>, data: {} });
    Deployment({ name: 'u', image: 'nginx', replicas: spec.prod ? 3 : undefined });
    Job({ name: 'j', image: 'busybox', restartPolicy: spec.prod ? 'Never' : undefined });
    return {};
  });
  const yaml = app.toYaml();
  assert.match(yaml, /tier: '\$\{schema\.spec\.prod \? "dev" : omit\(\)\}'/);
  assert.match(yaml, /replicas: "\$\{schema\.spec\.prod \? 3 : omit\(\)\}"/);
  assert.match(yaml, /restartPolicy: '\$\{schema\.spec\.prod \? "Never" : "OnFailure"\}'/);
  // The other ways out are accepted too.
  kubernetesComposition({ ...definition, name: 'defaulted-label' }, (spec) => {
    ConfigMap({ name: 'u', labels: { tier: (spec.prod ? 'dev' : undefined) ?? '' }, data: {} });
    ConfigMap({ name: 'w', labels: spec.prod ? { tier: 'dev' } : {}, data: {} });
    return {};
  });
});

test('A4: an optional spec field written to a manifest field without a default is what the factory makes of undefined; text from it is refused', () => {
  // Before, `replicas: spec.replicas` was refused ("KRO waits for it forever"); the factory's answer to
  // `undefined` is now known (absent-options.ts): the field is left out where the instance leaves it out.
  const accepted = {
    'optional-replicas': [kubernetesComposition({ ...definition, name: 'optional-replicas' }, (spec) => {
      Deployment({ name: 'o', image: 'nginx', replicas: spec.replicas });
      return {};
    }), 'replicas: "${has(schema.spec.replicas) ? schema.spec.replicas : omit()}"'],
    'nullish-undefined': [kubernetesComposition({ ...definition, name: 'nullish-undefined' }, (spec) => {
      ConfigMap({ name: 'o', data: { l: spec.level ?? undefined } as Record<string, string> });
      return {};
    }), 'l: "${has(schema.spec.level) ? schema.spec.level : omit()}"'],
    'optional-call': [kubernetesComposition({ ...definition, name: 'optional-call' }, (spec) => {
      ConfigMap({ name: 'o', data: { l: spec.level?.trim() } as Record<string, string> });
      return {};
    }), 'l: "${has(schema.spec.level) ? schema.spec.level.trim() : omit()}"'],
    'optional-item': [kubernetesComposition({ ...definition, name: 'optional-item' }, (spec) => {
      for (const w of spec.workers) Deployment({ name: w.name, image: 'nginx', replicas: w.port });
      return {};
    }), 'replicas: "${has(w.port) ? w.port : omit()}"'],
  } as const;
  const specs = [{ prod: false, db: false, name: 'a', workers: [] }, { prod: true, db: false, name: 'b', level: ' x ', replicas: 2, workers: [{ name: 'w', port: 3 }, { name: 'v' }] }];
  for (const [name, [app, line]] of Object.entries(accepted)) {
    assert.ok(app.toYaml().includes(line), `${name}: ${app.toYaml()}`);
    assert.deepEqual(runCase(name, { composition: app as never, spec: specs[0]!, specs }).findings, [], name);
  }
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'optional-template' }, (spec) => {
      ConfigMap({ name: 'o', data: { l: `x-${spec.level}` } });
      return {};
    })),
    `${at("'optional-template'", 'spec.level}')}: \`data.l\` is set from an optional spec field without a default: when the instance leaves it out, JavaScript computes with \`undefined\` (the text "undefined", NaN in arithmetic), and TypeKro refuses to write such a value\n    spec.level\n  hint: give it a default where it is used (\`spec.level ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or create the resource only when it is set (\`if (spec.level) ...\`)`,
  );
  // Defaults, guards and the status (pending on both sides) are accepted.
  kubernetesComposition({ ...definition, name: 'optional-ok' }, (spec) => {
    Deployment({ name: 'o', image: 'nginx', replicas: spec.replicas ?? 1 });
    if (spec.level) ConfigMap({ name: 'l', data: { l: spec.level } });
    return { v: spec.level };
  });
});

test('A3: a resource or status value computed from a conditional resource outside its condition is refused', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'excluded-resource' }, (spec) => {
      const db = Deployment({ name: 'db', image: 'postgres' }).withIncludeWhen(spec.db);
      ConfigMap({ name: 'app', data: { ready: `${db.status.readyReplicas ?? 0}` } });
      return {};
    })),
    at("'excluded-resource'", 'ConfigMap') + ': resource "configMapApp" reads resource "db", which exists only when spec.db: KRO skips every resource that reads a skipped one, while JavaScript still creates "configMapApp" (reading "db" as undefined)\n  hint: create "configMapApp" under the same condition (inside the same `if`, or .withIncludeWhen(spec.db)), or do not read "db" from it',
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'excluded-status' }, (spec) => {
      const db = Deployment({ name: 'db', image: 'postgres' }).withIncludeWhen(spec.db);
      return { n: db.status.readyReplicas ?? 0 };
    })),
    at("'excluded-status'", 'db.status') + ': this status field reads resource "db", which exists only when spec.db: when it does not, KRO leaves the field unset, while JavaScript computes it with "db" read as undefined\n    db.status.readyReplicas ?? 0\n  hint: read it under the condition it is created under (`spec.db ? <read> : <fallback>`), or do not read "db" here',
  );
  // Under the same condition, guarded by it, or a plain read (unset on both sides): accepted.
  const accepted = kubernetesComposition({ ...definition, name: 'excluded-ok' }, (spec) => {
    const db = Deployment({ name: 'db', image: 'postgres' }).withIncludeWhen(spec.db);
    if (spec.db) ConfigMap({ name: 'app', data: { ready: `${db.status.readyReplicas ?? 0}` } });
    return { n: spec.db ? db.status.readyReplicas ?? 0 : -1, v: db.metadata.name };
  });
  assert.equal(accepted.graph.resources.length, 2);
});

test('B16: two resources with the same literal name under the same conditions are refused', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'same-name' }, () => {
      ConfigMap({ id: 'first', name: 'same', data: { k: 'a' } });
      ConfigMap({ id: 'second', name: 'same', data: { k: 'b' } });
      return {};
    })),
    at("'same-name'", "ConfigMap({ id: 'second") + ': resources "first" and "second" both make ConfigMap "same": one object would hold the last one\'s content\n  hint: give each resource its own name',
  );
  // Exclusive branches may use one name.
  kubernetesComposition({ ...definition, name: 'same-name-branches' }, (spec) => {
    if (spec.prod) ConfigMap({ id: 'prodCm', name: 'same', data: { k: 'a' } });
    else ConfigMap({ id: 'devCm', name: 'same', data: { k: 'b' } });
    return {};
  });
});

test('an optional spec field read by a resource created only when it is set through .withIncludeWhen is accepted, like under an if', () => {
  const graph = kubernetesComposition({ ...definition, name: 'optional-chained' }, (spec) => {
    ConfigMap({ name: 'l', data: { l: spec.level } }).withIncludeWhen(spec.level !== undefined);
    Deployment({ name: 'r', image: 'nginx', replicas: spec.replicas }).withReadyWhen((d) => d.status.readyReplicas > 0).withIncludeWhen(() => spec.replicas !== undefined);
    return {};
  });
  const yaml = graph.toYaml();
  assert.ok(yaml.includes('${has(schema.spec.level)}') && yaml.includes('${has(schema.spec.replicas)}'), yaml);
  // A chained condition on another field guards nothing: the read keeps its own presence test.
  const other = kubernetesComposition({ ...definition, name: 'optional-chained-other' }, (spec) => {
    ConfigMap({ name: 'l', data: { l: spec.level } }).withIncludeWhen(spec.prod);
    return {};
  });
  assert.ok(other.toYaml().includes('l: "${has(schema.spec.level) ? schema.spec.level : omit()}"'), other.toYaml());
});
