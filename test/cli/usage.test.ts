/**
 * Bad input: a clear message (and the usage line where the command line is at fault), exit 2, never a
 * stack trace unless --debug asks for one.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { STACK_FRAME, transcript, typekro, type CliResult } from './run.js';

// Files that must not be type-checked with the repository (they are broken on purpose) live outside it.
const dir = mkdtempSync(join(tmpdir(), 'typekro-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const noComposition = file('no-composition.ts', 'export const answer = 42;\nexport default { graph: 1 };\n');
const syntaxError = file('syntax-error.ts', 'export const broken = ;\n');
const missingImport = file('missing-import.mts', "import { thing } from 'no-such-package-typekro';\nexport default thing;\n");
const badYaml = file('bad.yaml', 'replicas: [1, 2\n');
// What `npm init -y` makes (type commonjs), with an ES-module-only package installed, as TypeKro is.
mkdirSync(join(dir, 'cjs', 'node_modules', 'esm-only'), { recursive: true });
file('cjs/package.json', '{ "name": "cjs", "type": "commonjs" }\n');
file('cjs/node_modules/esm-only/package.json', '{ "name": "esm-only", "exports": { ".": { "import": "./index.js" } } }\n');
file('cjs/node_modules/esm-only/index.js', 'export default 1;\n');
const commonJs = file('cjs/app.ts', "import value from 'esm-only';\nexport default value;\n");
const listSpec = file('list.yaml', '- 1\n- 2\n');
const kubeconfig = file(
  'kubeconfig',
  'apiVersion: v1\nkind: Config\ncurrent-context: dev\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\n' +
    'users: [{name: u, user: {token: t}}]\ncontexts: [{name: dev, context: {cluster: c, user: u}}]\n',
);
after(() => rmSync(dir, { recursive: true, force: true }));

function usageError(result: CliResult, message: RegExp, usage = true): void {
  assert.equal(result.code, 2, transcript(result));
  assert.match(result.stderr, message);
  if (usage) assert.match(result.stderr, /Usage: typekro \w+ \[options\]/);
  assert.doesNotMatch(result.stderr, STACK_FRAME, transcript(result));
  assert.equal(result.stdout, '');
}

describe('usage errors', { concurrency: 4 }, () => {
  it('a file that does not exist', async () => {
    usageError(await typekro(['render', 'examples/nope.ts']), /^typekro: examples\/nope\.ts: no such file; name a TypeScript file that exports a composition$/m);
  });

  it('a file that exports no composition', async () => {
    usageError(await typekro(['check', noComposition]), /no-composition\.ts exports no composition; export the value returned by kubernetesComposition/);
  });

  it('a file that does not compile', async () => {
    usageError(await typekro(['render', syntaxError]), /cannot load .*syntax-error\.ts: .*syntax-error\.ts:1:\d+: ERROR: Unexpected ";"/s);
  });

  it('a file of a CommonJS project importing an ES module package', async () => {
    usageError(await typekro(['check', commonJs]), /cannot load .*app\.ts: No "exports" main defined in .*esm-only[/\\]package\.json\n  \(TypeKro is an ES module package and app\.ts is loaded as CommonJS: set "type": "module" in the project's package\.json, e\.g\. npm pkg set type=module, or name the file \.mts\)/);
  });

  it('a reader that stops reading (typekro --help | head -1): exit 0, nothing on stderr', async () => {
    const result = await typekro(['--help'], { closedStdout: true });
    assert.equal(result.code, 0, transcript(result));
    assert.equal(result.stderr, '');
  });

  it('a file importing a package that is not installed', async () => {
    usageError(await typekro(['render', missingImport]), /cannot load .*missing-import\.mts: Cannot find package 'no-such-package-typekro'[\s\S]*is the package installed\?/);
  });

  it('bad --set arguments', async () => {
    usageError(await typekro(['render', 'examples/webapp.ts', '--set', 'replicas']), /--set "replicas": expected path=value/);
    usageError(await typekro(['render', 'examples/webapp.ts', '--set', 'a..b=1']), /--set: "a\.\.b" is not a field path/);
  });

  it('bad spec files', async () => {
    usageError(await typekro(['render', 'examples/webapp.ts', '-f', 'examples/missing.yaml']), /cannot read spec file examples\/missing\.yaml: no such file/);
    usageError(await typekro(['render', 'examples/webapp.ts', '-f', badYaml]), /bad\.yaml is not valid YAML or JSON/);
    usageError(await typekro(['render', 'examples/webapp.ts', '-f', listSpec]), /list\.yaml must hold a mapping of spec fields \(got a list\)/);
  });

  it('a spec that does not match the schema (the message lists the fields, no usage needed)', async () => {
    usageError(await typekro(['render', 'examples/webapp.ts', '--set', 'replicas=many']), /spec\.replicas must be a number \(was a string\)/, false);
  });

  it('a missing spec says how to give one', async () => {
    usageError(await typekro(['render', 'examples/webapp.ts', '--manifests']), /spec\.replicas must be a number \(was missing\)\n  \(no spec was given: pass one with -f spec\.yaml or --set field=value\)/, false);
  });

  it('unknown options, commands and bad option values', async () => {
    usageError(await typekro(['render', 'examples/webapp.ts', '--bogus']), /error: unknown option '--bogus'/);
    usageError(await typekro(['render']), /error: missing required argument 'file'/);
    usageError(await typekro(['render', 'examples/webapp.ts', '-o', 'xml']), /option '-o, --output <format>' argument 'xml' is invalid\. use yaml or json/);
    usageError(await typekro(['deploy', 'examples/webapp.ts', '--mode', 'helm']), /option '-m, --mode <mode>' argument 'helm' is invalid\. use direct or kro/);
    usageError(await typekro(['deploy', 'examples/webapp.ts', '--timeout', 'soon']), /--timeout "soon": use a duration such as 90s/);
    usageError(await typekro(['deploy', 'examples/webapp.ts', '--wait=perhaps']), /--wait=perhaps: use true or false/);
    usageError(await typekro(['deploy', 'examples/webapp.ts', '--mode', 'kro', '--wait=false']), /--wait=false: direct mode only/);
    usageError(await typekro(['deploy', 'examples/webapp.ts', '--label', 'team']), /--label "team": use key=value, e\.g\. --label team=platform/);
    usageError(await typekro(['deploy', 'examples/webapp.ts', '--label', 'team=a', '--label', 'team=b']), /--label team is given twice/);
    usageError(await typekro(['deploy', 'examples/webapp.ts', '--label', 'team=a b']), /--label\/--annotation: label "team": the value "a b" is not a label value/);
    usageError(await typekro(['deploy', 'examples/webapp.ts', '--annotation', 'kro.run/x=1']), /--label\/--annotation: annotation "kro\.run\/x"/);
    const unknown = await typekro(['frobnicate']);
    assert.equal(unknown.code, 2, transcript(unknown));
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  });

  it('no kubeconfig: says where it looked and what to do, exit 2', async () => {
    const home = mkdtempSync(join(tmpdir(), 'typekro-home-'));
    try {
      const result = await typekro(['status', 'examples/webapp.ts', '--kubeconfig', '/nonexistent/config'], { env: { TYPEKRO_HOME: home } });
      usageError(result, /no kubeconfig found \(looked at \/nonexistent\/config\); pass --kubeconfig, set KUBECONFIG, or start a local cluster with "typekro cluster start" and pass the kubeconfig path it prints/, false);
      // A cluster `typekro cluster start` left running is named with the exact flag to pass (never used unasked).
      mkdirSync(join(home, 'clusters', 'default'), { recursive: true });
      writeFileSync(join(home, 'clusters', 'default', 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
      const running = await typekro(['status', 'examples/webapp.ts', '--kubeconfig', '/nonexistent/config'], { env: { TYPEKRO_HOME: home } });
      const kubeconfig = join(home, 'clusters', 'default', 'kubeconfig');
      assert.ok(running.stderr.includes(`a local cluster started by "typekro cluster start" is running: pass --kubeconfig ${kubeconfig} (or export KUBECONFIG=${kubeconfig})`), transcript(running));
      assert.equal(running.code, 2, transcript(running));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('an unknown --context lists the known ones, exit 2', async () => {
    const result = await typekro(['status', 'examples/webapp.ts', '--kubeconfig', kubeconfig, '--context', 'prod']);
    usageError(result, /context "prod" not found in .*kubeconfig \(known contexts: dev\)/, false);
  });

  it('an unreachable cluster is a failure (exit 1) with the address, not a stack', async () => {
    const result = await typekro(['status', 'examples/webapp.ts', '--kubeconfig', kubeconfig]);
    assert.equal(result.code, 1, transcript(result));
    assert.match(result.stderr, /127\.0\.0\.1:1|ECONNREFUSED|cannot reach/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
  });

  it('--debug prints the stack', async () => {
    const result = await typekro(['--debug', 'render', 'examples/nope.ts']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, STACK_FRAME);
  });

  it('--help documents the exit codes; --version prints the version', async () => {
    const help = await typekro(['--help']);
    assert.equal(help.code, 0, transcript(help));
    assert.match(help.stdout, /Exit codes:\n\s+0\s+success\n\s+1\s+the operation failed[\s\S]*\n\s+2\s+invalid input[\s\S]*\n\s+3\s+not ready[\s\S]*\n\s+130\s+interrupted/);
    for (const command of ['render', 'check', 'deploy', 'plan', 'status', 'logs', 'delete', 'cluster']) assert.match(help.stdout, new RegExp(`\\n  ${command}\\b`));
    const version = await typekro(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});
