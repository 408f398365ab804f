/**
 * JavaScript's globals used where a compiled value needs them (trial 9 T03, T12): the message said
 * "`JSON` is not known to the compiler (only the spec, resources and loop variables are)", as for a typo,
 * and its hint (pass it through the spec) did not fit. Now it names the built-in and the way out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = { kind: 'Builtins', spec: type({ name: 'string', 'debug?': 'boolean' }), status: type({ v: 'string' }) };

test('JSON.stringify of spec data names the missing encoder and the template way out', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-json' }, (spec) => {
      ConfigMap({ name: 'x', data: { 'config.json': JSON.stringify({ debug: spec.debug ?? false }) } });
      return { v: 'x' };
    }),
  );
  assert.equal(
    message,
    `${at("'builtin-json'", 'JSON.')}: \`JSON\` is JavaScript's built-in JSON, and this use of it has no CEL form\n    JSON\n  hint: build the text with a template literal (\`{"port": \${spec.port}}\`) or write Cel.expr(...): KRO's CEL has no JSON encoder`,
  );
});

test('process.env read inside the composition is a value of the definition; other members of process stay refused', () => {
  // The variables themselves compile (test/differential/switch-env-cases.ts); what else `process` holds runs in JavaScript only.
  const cwd = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-process-cwd' }, (spec) => {
      return { v: `${process.env.TYPEKRO_BUILTIN_UNSET ?? 'eu'}-${spec.debug ? process.cwd() : spec.name}` };
    }),
  );
  assert.equal(
    cwd,
    `${at("'builtin-process-cwd'", 'process.cwd')}: \`process.cwd(...)\` cannot be compiled: \`process.cwd\` is a value of the running process, which TypeKro does not compile to CEL\n    process.cwd()\n  hint: read it into a module constant (\`const CWD = process.cwd()\`): TypeKro takes the value it held; or pass the value through the spec`,
  );
  const argv = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-process-argv' }, (spec) => {
      return { v: spec.debug ? `${process.argv.length}` : spec.name };
    }),
  );
  assert.equal(
    argv,
    `${at("'builtin-process-argv'", 'process.argv')}: \`process.argv\` is a value of the running process, which TypeKro does not compile to CEL\n    process.argv\n  hint: read it into a module constant (\`const CWD = process.cwd()\`): TypeKro takes the value it held; or pass the value through the spec`,
  );
  const whole = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-process-env' }, (spec) => {
      return { v: spec.debug ? process.env[spec.name] ?? 'none' : spec.name };
    }),
  );
  assert.equal(
    whole,
    `${at("'builtin-process-env'", 'process.env')}: \`process.env\` is the whole environment of the process, which TypeKro does not copy into the graph\n    process.env\n  hint: read one variable (\`process.env.NAME\`, or \`process.env['NAME']\`)`,
  );
  const inherited = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-process-inherited' }, (spec) => {
      return { v: spec.debug ? `${process.env.hasOwnProperty}` : spec.name };
    }),
  );
  assert.equal(
    inherited,
    `${at("'builtin-process-inherited'", 'process.env')}: \`process.env.hasOwnProperty\` is not a variable of the environment but a property every object inherits\n    process.env.hasOwnProperty\n  hint: read a variable by its name`,
  );
  const process_ = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-process-whole' }, (spec) => {
      return { v: spec.debug ? String(process) : spec.name };
    }),
  );
  assert.equal(
    process_,
    `${at("'builtin-process-whole'", 'process)')}: \`process\` is the running process, which CEL cannot hold\n    process\n  hint: read a variable of its environment (\`process.env.NAME\`), or read it into a module constant (\`const CWD = process.cwd()\`): TypeKro takes the value it held; or pass the value through the spec`,
  );
});

test('process.env.NAME unset is undefined: text made from it is refused with the reason, ?? gives the default', () => {
  delete process.env.TYPEKRO_BUILTIN_UNSET;
  const message = refusal(() =>
    kubernetesComposition({ ...definition, name: 'builtin-process-unset' }, (spec) => {
      return { v: spec.debug ? `${process.env.TYPEKRO_BUILTIN_UNSET}/app:${spec.name}` : spec.name };
    }),
  );
  assert.equal(
    message,
    `${at("'builtin-process-unset'", 'process.env')}: \`process.env.TYPEKRO_BUILTIN_UNSET\` is always \`undefined\` here, which JavaScript turns into the text "undefined"\n    process.env.TYPEKRO_BUILTIN_UNSET\n  hint: give it a default (\`process.env.TYPEKRO_BUILTIN_UNSET ?? '<text>'\`), or leave it out of the text`,
  );
  const yaml = kubernetesComposition({ ...definition, name: 'builtin-process-default' }, (spec) => {
    return { v: spec.debug ? `${process.env.TYPEKRO_BUILTIN_UNSET ?? 'docker.io'}/app:${spec.name}` : spec.name };
  }).toYaml();
  assert.match(yaml, /v: '\$\{has\(schema\.spec\.debug\) && schema\.spec\.debug \? "docker\.io\/app:" \+ schema\.spec\.name : schema\.spec\.name\}'/);
});
