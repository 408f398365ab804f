/**
 * A floating-point value written into an integer field of a manifest fails the definition: JavaScript would
 * send the fraction (which the API server refuses), and CEL's int() would truncate it and deploy something
 * else. Integer spec fields ('number.integer') and explicit conversions (Math.trunc) compile without int().
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CompositionSyntaxError, kubernetesComposition, TypeKroError } from '../../src/index.js';
import { Deployment, Service } from '../../src/simple.js';
import { refusalsIn, where } from '../support/refusals.js';

const { locate } = refusalsIn(import.meta.filename);
const status = type({ ready: 'boolean' });


/** Runs `define` and returns its error (it must throw a CompositionSyntaxError). */
function errorOf(define: () => unknown): CompositionSyntaxError {
  try {
    define();
  } catch (error) {
    assert.ok(error instanceof CompositionSyntaxError, `a CompositionSyntaxError, not ${String(error)}`);
    assert.ok(error instanceof TypeKroError);
    assert.equal(error.code, 'DEFINITION_INVALID');
    return error;
  }
  assert.fail('the definition must fail');
}

test("a 'number' spec field in replicas fails with the field, the reference, the place and the way out", () => {
  const error = errorOf(() =>
    kubernetesComposition({ name: 'float-replicas', kind: 'FloatReplicas', spec: type({ replicas: 'number' }), status }, (spec) => {
      const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas }); // float-replicas
      return { ready: web.status.readyReplicas > 0 };
    }),
  );
  const location = locate('// float-replicas', 'spec.replicas })');
  assert.equal(
    error.message,
    `${where(location)}: resource "web": the integer field spec.replicas is set to \`spec.replicas\`, a spec field of type 'number' (floating point). ` +
      'JavaScript would send a fraction such as 1.25 as it is, which the API server refuses; CEL would truncate it to 1\n' +
      '    spec.replicas\n' +
      "  hint: declare the spec field an integer ('number.integer', with bounds 'number.integer >= 0'), or convert it explicitly with Math.trunc(spec.replicas)",
  );
  assert.deepEqual(error.location, location);
  assert.equal(error.construct, 'spec.replicas');
});

test('a destructured spec field in a container port names the field path and the spec field', () => {
  const error = errorOf(() =>
    kubernetesComposition({ name: 'float-port', kind: 'FloatPort', spec: type({ port: 'number' }), status }, (spec) => {
      const { port } = spec;
      const web = Deployment({ name: 'web', image: 'nginx', ports: [{ containerPort: port }] }); // float-port
      return { ready: web.status.readyReplicas > 0 };
    }),
  );
  assert.equal(
    error.message.split('\n')[0],
    `${where(locate('// float-port', 'port }'))}: resource "web": the integer field spec.template.spec.containers[0].ports[0].containerPort is set to \`port\`, a spec field (spec.port) of type 'number' (floating point). ` +
      'JavaScript would send a fraction such as 1.25 as it is, which the API server refuses; CEL would truncate it to 1',
  );
});

test('a computed double (division) in an options object fails at the expression, with Math.trunc as the way out', () => {
  const error = errorOf(() =>
    kubernetesComposition({ name: 'half', kind: 'Half', spec: type({ replicas: 'number.integer' }), status }, (spec) => {
      const options = { name: 'web', image: 'nginx', replicas: spec.replicas / 2 }; // half
      const web = Deployment(options);
      return { ready: web.status.readyReplicas > 0 };
    }),
  );
  assert.equal(
    error.message,
    `${where(locate('// half', 'spec.replicas / 2'))}: resource "web": the integer field spec.replicas is set to \`spec.replicas / 2\`, a floating-point number. ` +
      'JavaScript would send a fraction such as 1.25 as it is, which the API server refuses; CEL would truncate it to 1\n' +
      '    spec.replicas / 2\n' +
      "  hint: convert it explicitly with Math.trunc(spec.replicas / 2) (Math.trunc(a / b) is integer division), or compute it from integers only (spec fields 'number.integer')",
  );
});

test("'number.integer' compiles to an integer schema field and is written as it is, without int()", () => {
  const app = kubernetesComposition(
    { name: 'int-replicas', kind: 'IntReplicas', spec: type({ replicas: 'number.integer >= 0', port: 'number.integer' }), status },
    (spec) => {
      const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas, ports: [{ containerPort: spec.port }] });
      Service({ name: 'web', selector: { app: 'web' }, ports: [{ port: spec.port }] });
      return { ready: web.status.readyReplicas > 0 };
    },
  );
  const yaml = app.toYaml();
  assert.match(yaml, /^ {6}replicas: integer \| required=true minimum=0$/m);
  assert.match(yaml, /^ {6}port: integer \| required=true$/m);
  assert.match(yaml, /^ {10}replicas: \$\{schema\.spec\.replicas\}$/m);
  assert.match(yaml, /containerPort: \$\{schema\.spec\.port\}/);
  assert.match(yaml, /- port: \$\{schema\.spec\.port\}/);
  assert.doesNotMatch(yaml, /int\(/);
});

test('Math.trunc converts explicitly: int() of a double, integer division of integers', () => {
  const app = kubernetesComposition(
    { name: 'trunc', kind: 'Trunc', spec: type({ ratio: 'number', replicas: 'number.integer' }), status },
    (spec) => {
      const web = Deployment({ name: 'web', image: 'nginx', replicas: Math.trunc(spec.ratio * 4) });
      Deployment({ name: 'half', image: 'nginx', replicas: Math.trunc(spec.replicas / 2) });
      return { ready: web.status.readyReplicas > 0 };
    },
  );
  const yaml = app.toYaml();
  assert.match(yaml, /replicas: \$\{int\(schema\.spec\.ratio \* 4\.0\)\}/);
  assert.match(yaml, /replicas: \$\{schema\.spec\.replicas \/ 2\}/);
  assert.match(yaml, /^ {6}ratio: float \| required=true$/m);
});

test('a double status field stays what JavaScript sends; a literal fraction in an integer field is refused at definition', () => {
  // A status field has no integer type to fit.
  const app = kubernetesComposition(
    { name: 'fraction', kind: 'Fraction', spec: type({ ratio: 'number' }), status: type({ half: 'number' }) },
    (spec) => {
      Deployment({ name: 'web', image: 'nginx', replicas: 2 });
      return { half: spec.ratio / 2 };
    },
  );
  assert.match(app.toYaml(), /half: \$\{schema\.spec\.ratio \/ 2\.0\}/);
  // A fraction JavaScript computed without a reference would reach the API server as 1.5, which refuses it in both modes.
  assert.throws(
    () =>
      kubernetesComposition(
        { name: 'fraction-literal', kind: 'FractionLiteral', spec: type({ ratio: 'number' }), status: type({ n: 'number' }) },
        () => {
          Deployment({ name: 'web', image: 'nginx', replicas: 3 * 0.5 });
          return { n: 1 };
        },
      ),
    (error: Error) => {
      assert.match(error.message, /^.*integer-fields\.test\.ts:\d+:\d+: resource "[^"]+": the integer field spec\.replicas is 1\.5, a fraction, which the API server refuses there\n {2}hint: write an integer there \(e\.g\. 1\), or compute it with Math\.trunc\(\.\.\.\) \/ Math\.round\(\.\.\.\) in JavaScript$/);
      return true;
    },
  );
});

test("a 'number' passed into a nested composition's integer spec field fails at the call, as it would in a manifest", () => {
  const child = kubernetesComposition({ name: 'int-child', kind: 'IntChild', spec: type({ name: 'string', replicas: 'number.integer' }), status }, (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    return { ready: web.status.readyReplicas > 0 };
  });
  const error = errorOf(() =>
    kubernetesComposition({ name: 'float-parent', kind: 'FloatParent', spec: type({ name: 'string', r: 'number' }), status }, (spec) => {
      const inner = child({ name: spec.name, replicas: spec.r }); // float-into-child
      return { ready: inner.status.ready };
    }),
  );
  const location = locate('// float-into-child', 'child(');
  assert.equal(
    error.message,
    `${where(location)}: nested composition "int-child": the integer field spec.replicas is set to \`spec.r\`, a spec field of type 'number' (floating point). ` +
      'JavaScript would send a fraction such as 1.25 as it is, which the API server refuses; CEL would truncate it to 1\n' +
      '    spec.r\n' +
      "  hint: declare the spec field an integer ('number.integer', with bounds 'number.integer >= 0'), or convert it explicitly with Math.trunc(spec.r)",
  );
  const literal = errorOf(() =>
    kubernetesComposition({ name: 'fraction-parent', kind: 'FractionParent', spec: type({ name: 'string' }), status }, (spec) => {
      const inner = child({ name: spec.name, replicas: 1.5 }); // fraction-into-child
      return { ready: inner.status.ready };
    }),
  );
  assert.match(literal.message, /nested composition "int-child": the integer field spec\.replicas is 1\.5, a fraction/);
  const fine = kubernetesComposition({ name: 'int-parent', kind: 'IntParent', spec: type({ name: 'string', r: 'number.integer' }), status }, (spec) => {
    const inner = child({ name: spec.name, replicas: spec.r });
    return { ready: inner.status.ready };
  });
  assert.match(fine.toYaml(), /replicas: \$\{schema\.spec\.r\}/);
});
