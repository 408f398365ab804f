#!/usr/bin/env node
// The README's test commands. A test file (under src/ or test/) says by its name what it needs:
//   <name>.test.ts          unit: Node only (no cluster, no Go)     npm run test:unit, npm test
//   <name>.cluster.test.ts  the local cluster (testKubeConfig())   npm test
//   <name>.go.test.ts       the Go toolchain, no cluster            npm test
//   <name>.browser.test.ts  Chromium (Debian's package), no cluster  npm test
// New offline tests (test/package/, test/differential/, golden files) are *.test.ts; tests that deploy
// (test/cluster/, test/demo/) are *.cluster.test.ts; a file with both kinds of case is split in two.
// Every run checks every name: an unknown one, a unit/Go file naming the cluster, or a cluster file that
// never reaches it fails the run. Unit and Go files run without TYPEKRO_TEST_KUBECONFIG and with KUBECONFIG
// pointing nowhere, so a hidden use of a cluster fails loudly.
//
// Usage: node scripts/run-tests.mjs [--unit] [--list] [test files...]
//   --unit     unit files only          --list   print the files and their tiers, run nothing
//   (default)  unit and Go files, then find/build the control-plane binaries, start one local cluster, run the
//              cluster files with TYPEKRO_TEST_KUBECONFIG set, stop it (also on failure or signal). With
//              TYPEKRO_TEST_KUBECONFIG already set, that cluster is used and none is started.
// Unit files run grouped, one process per core (see unitGroups); Go and cluster files one process each.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const listOnly = args.includes('--list');
const explicit = args.filter((a) => a !== '--unit' && a !== '--list');

const TIERS = { '': 'unit', cluster: 'cluster', go: 'go', browser: 'browser' };
const NAMING = '<name>.test.ts (unit), <name>.cluster.test.ts (needs the cluster), <name>.go.test.ts (needs Go) or <name>.browser.test.ts (needs Chromium)';
/** What a test uses a cluster through (test/support/cluster.ts, src/testing). */
const CLUSTER_NAMES = ['TYPEKRO_TEST_KUBECONFIG', 'testKubeConfig', 'testKubeConfigPath', 'testNamespace', 'startLocalCluster', 'ensureClusterBinaries'];
const CLUSTER_USE = new RegExp(`\\b(${CLUSTER_NAMES.join('|')})\\b`);
const TEST_LIKE = /\.(test|spec)\.[cm]?[jt]sx?$/;

const log = (line) => process.stderr.write(`[run-tests] ${line}\n`);

/** A wrong test file name or command line: reported as its message, without a stack. */
class SetupError extends Error {}

/** Every file under `dir` whose name looks like a test, repository-relative (no node_modules, dist, dot dirs). */
function findTestLike(dir) {
  let found = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) found = found.concat(findTestLike(path));
    else if (TEST_LIKE.test(e.name)) found.push(relative(root, path).split(sep).join('/'));
  }
  return found;
}

/** The tier a file's name declares, or an error saying how to name it. */
function tierOf(file) {
  if (!/^(src|test)\//.test(file)) return { error: `${file}: test files live under src/ or test/; nothing runs it here` };
  const match = /^(?:.*\/)?[^/.]+(?:\.([^/.]+))?\.test\.ts$/.exec(file);
  const tier = match ? TIERS[match[1] ?? ''] : undefined;
  return tier ? { tier } : { error: `${file}: not a test file name this script knows; name it ${NAMING}` };
}

/** The test helpers a file imports relatively, inside test/ (resolved .js -> .ts). */
function localImports(file, text) {
  const found = [];
  for (const [, spec] of text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
    const target = relative(root, resolve(root, dirname(file), spec.replace(/\.js$/, '.ts'))).split(sep).join('/');
    if (target.startsWith('test/') && existsSync(join(root, target))) found.push(target);
  }
  return found;
}

/** True when the file or a test helper it imports (transitively) uses the cluster. */
function reachesCluster(file, seen = new Set()) {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(join(root, file), 'utf8');
  return CLUSTER_USE.test(text) || localImports(file, text).some((f) => reachesCluster(f, seen));
}

/** Every test file by tier; throws listing every misnamed or misclassified file. */
function classify() {
  const byTier = { unit: [], cluster: [], go: [], browser: [] };
  const errors = [];
  for (const file of [...findTestLike(join(root, 'src')), ...findTestLike(join(root, 'test')), ...strays()].sort()) {
    const { tier, error } = tierOf(file);
    if (error) {
      errors.push(error);
      continue;
    }
    const text = readFileSync(join(root, file), 'utf8');
    const use = CLUSTER_USE.exec(text);
    if (tier !== 'cluster' && use) {
      const line = text.slice(0, use.index).split('\n').length;
      errors.push(`${file}:${line}: a ${tier} test uses the cluster (${use[1]}); rename it to *.cluster.test.ts, or move its cluster cases into one`);
    } else if (tier === 'cluster' && !reachesCluster(file)) {
      errors.push(`${file}: named .cluster.test.ts but uses no cluster (none of ${CLUSTER_NAMES.join(', ')}); rename it to *.test.ts so the unit tests run it`);
    }
    byTier[tier].push(file);
  }
  if (errors.length > 0) throw new SetupError(`test files are not classified correctly:\n  ${errors.join('\n  ')}`);
  return byTier;
}

/** Test-like files outside src/ and test/ (top-level directories other than those, e.g. examples/, bench/). */
function strays() {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['src', 'test', 'node_modules', 'dist'].includes(e.name) && !e.name.startsWith('.'))
    .flatMap((e) => findTestLike(join(root, e.name)));
}

/**
 * Node's `--test-timeout` bounds each file given to the runner as a whole, not only each test in it: a unit
 * group (many files in one process) needs the whole group's time. The ceilings only stop a hung run from
 * holding CI; tests have their own, shorter waits.
 */
const FILE_TIMEOUT_MS = { offline: 45 * 60_000, cluster: 15 * 60_000 };

function runNodeTest(files, env, timeoutMs, extra = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-timeout=${timeoutMs}`, ...extra, ...files], { cwd: root, env, stdio: 'inherit' });
  const done = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, done };
}

/**
 * The unit files in `count` groups, each loaded by one entry module (written under .typekro/, git-ignored):
 * one process per group instead of one per file, because starting a process and loading TypeKro under tsx
 * costs about a second of CPU, which across every unit file was half of test:unit. A file that fails to load
 * becomes one failing test naming it; the others of its group still run.
 */
function unitGroups(files, count) {
  const dir = join(root, '.typekro', 'unit-groups');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const groups = Array.from({ length: Math.min(count, files.length) }, () => []);
  // round robin over test/ first (the heavier files), so every group gets its share of them
  files.forEach((file, i) => groups[i % groups.length].push(file));
  return groups.map((group, i) => {
    const entry = join(dir, `group-${i + 1}.test.mjs`);
    const urls = group.map((file) => pathToFileURL(join(root, file)).href);
    writeFileSync(
      entry,
      [
        `// generated by scripts/run-tests.mjs: the unit test files of group ${i + 1}, in one process`,
        "import { test } from 'node:test';",
        `for (const url of ${JSON.stringify(urls, null, 1)}) {`,
        '  try {',
        '    await import(url);',
        '  } catch (error) {',
        "    test(`${url} failed to load`, () => { throw error; });",
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    return entry;
  });
}

/**
 * Unit, Go and browser files: no test cluster, no default kubeconfig. Unit files run in one process per core
 * ({@link unitGroups}); each Go file in its own (they wait on the Go toolchain). One more process at once than
 * there are cores: Go files and the package test spend much of their time waiting on child processes.
 */
async function runOffline(files) {
  const { TYPEKRO_TEST_KUBECONFIG: _unused, ...env } = process.env;
  env.KUBECONFIG = join(root, '.typekro', 'no-kubeconfig-for-offline-tests');
  // The whole suite (`npm test`, what CI runs) checks at least 2,000 generated programs (issue 10): three rounds
  // of the position schedule with new expressions each; `--unit` and single files keep one round for speed.
  if (!unitOnly && explicit.length === 0 && !env.TYPEKRO_GEN_ROUNDS) env.TYPEKRO_GEN_ROUNDS = '3';
  // A group process keeps what each of its files defined (parsed sources, loaded modules): with two groups of
  // about 190 files, one ran out of V8's default heap (~4 GB here) in session 39's CI run and grew past 5 GB
  // with one round of generated programs. Four groups halve what one process holds; the limit leaves room.
  env.NODE_OPTIONS = [env.NODE_OPTIONS, '--max-old-space-size=12288'].filter(Boolean).join(' ');
  log(`${files.length} files without a cluster${env.TYPEKRO_GEN_ROUNDS ? ` (generated programs: ${env.TYPEKRO_GEN_ROUNDS} rounds)` : ''}`);
  // Go and browser files wait on child processes (the Go toolchain; the site build and Chromium): one process each
  const go = files.filter((file) => ['go', 'browser'].includes(tierOf(file).tier));
  const unit = files.filter((file) => tierOf(file).tier === 'unit');
  const entries = unit.length > 0 ? unitGroups(unit, Math.max(4, 2 * availableParallelism())) : [];
  const reporter = `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`;
  return runNodeTest([...go, ...entries], env, FILE_TIMEOUT_MS.offline, [`--test-concurrency=${availableParallelism() + 1}`, reporter, '--test-reporter-destination=stdout']).done;
}

/**
 * The optional controllers (cert-manager, external-dns) the cluster files ask for, each with a comment line
 * `// cluster-components: cert-manager, external-dns`: only then are they built (minutes, once) and started.
 */
function optionalComponents(files) {
  const wanted = new Set();
  for (const file of files) {
    for (const [, list] of readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:\/\/|\*)\s*cluster-components:\s*(.+)$/gm)) {
      for (const name of list.split(',').map((n) => n.trim()).filter(Boolean)) {
        if (!['cert-manager', 'external-dns'].includes(name)) throw new SetupError(`${file}: unknown cluster component "${name}" (known: cert-manager, external-dns)`);
        wanted.add(name);
      }
    }
  }
  return [...wanted].sort();
}

async function withCluster(files) {
  log(`${files.length} files on the cluster`);
  if (process.env.TYPEKRO_TEST_KUBECONFIG) {
    log(`using the cluster of TYPEKRO_TEST_KUBECONFIG=${process.env.TYPEKRO_TEST_KUBECONFIG}`);
    return runNodeTest(files, process.env, FILE_TIMEOUT_MS.cluster).done;
  }
  const { tsImport } = await import('tsx/esm/api');
  const kit = await tsImport('../src/testing/index.ts', import.meta.url);
  const optional = optionalComponents(files);
  if (optional.length > 0) log(`optional controllers asked for: ${optional.join(', ')}`);
  const binaries = await kit.ensureClusterBinaries({ progress: (l) => process.stderr.write(`${l}\n`), optional });
  const cluster = await kit.startLocalCluster({
    name: 'test',
    binaries,
    progress: (l) => log(l),
    certManager: optional.includes('cert-manager'),
    externalDns: optional.includes('external-dns'),
  });
  log(`cluster ready in ${(cluster.startMs / 1000).toFixed(1)} s, kubeconfig ${cluster.kubeconfigPath}`);
  const run = runNodeTest(files, { ...process.env, TYPEKRO_TEST_KUBECONFIG: cluster.kubeconfigPath }, FILE_TIMEOUT_MS.cluster);
  let failed = false;
  // a dead component would make tests wait for their deadlines: stop at once (the error was printed)
  cluster.onFailure(() => {
    failed = true;
    run.child.kill('SIGTERM');
  });
  const onSignal = (signal) => {
    log(`${signal}: stopping tests and cluster`);
    run.child.kill('SIGTERM');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await run.done;
    return failed ? 1 : code;
  } finally {
    await cluster.stop();
    log('cluster stopped');
  }
}

/** The files to run, by tier: the explicit ones (each classified by its name), or every file of the tiers asked for. */
function selection(byTier) {
  // test/ first: its files are the heavier ones (child processes, type checks); unitGroups spreads them
  const unit = [...byTier.unit.filter((f) => f.startsWith('test/')), ...byTier.unit.filter((f) => !f.startsWith('test/'))];
  if (explicit.length === 0) return unitOnly ? { offline: unit, cluster: [] } : { offline: [...byTier.go, ...byTier.browser, ...unit], cluster: byTier.cluster };
  const chosen = { offline: [], cluster: [] };
  for (const file of explicit) {
    const { tier, error } = tierOf(relative(root, resolve(file)).split(sep).join('/'));
    if (error) throw new SetupError(error);
    if (unitOnly && tier !== 'unit') throw new SetupError(`${file} is a ${tier} test; --unit runs unit tests only`);
    chosen[tier === 'cluster' ? 'cluster' : 'offline'].push(file);
  }
  return chosen;
}

async function main() {
  const { offline, cluster } = selection(classify());
  if (offline.length + cluster.length === 0) throw new SetupError('no test files found');
  if (listOnly) {
    const tierName = (file) => tierOf(relative(root, resolve(file)).split(sep).join('/')).tier;
    process.stdout.write(`${[...offline, ...cluster].map((f) => `${tierName(f).padEnd(8)} ${f}`).join('\n')}\n`);
    return 0;
  }
  // offline first: quick, and a cluster is started only when cluster files follow; both always run
  const offlineCode = offline.length > 0 ? await runOffline(offline) : 0;
  const clusterCode = cluster.length > 0 ? await withCluster(cluster) : 0;
  return offlineCode || clusterCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const text = error instanceof SetupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`[run-tests] ${text}\n`);
    process.exitCode = 1;
  },
);
