#!/usr/bin/env node
// The README's test command (`npm test`). Usage: node scripts/run-tests.mjs [--unit] [test files...]
//   --unit       only src/**/*.test.ts, no cluster
//   (default)    build/find the control-plane binaries, start one local cluster, run src/ and test/ tests
//                with TYPEKRO_TEST_KUBECONFIG set, stop the cluster (also on failure or signal).
// If TYPEKRO_TEST_KUBECONFIG is already set, that cluster is used and none is started.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const unit = args.includes('--unit');
const explicit = args.filter((a) => a !== '--unit');

function findTests(dir) {
  let found = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) found = found.concat(findTests(path));
    else if (e.name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found.sort();
}

const log = (line) => process.stderr.write(`[run-tests] ${line}\n`);

function runNodeTest(files, env) {
  // a generous per-test ceiling so nothing can hang CI; tests have their own, shorter waits
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=600000', ...files], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  const done = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, done };
}

async function withCluster(files) {
  if (process.env.TYPEKRO_TEST_KUBECONFIG) {
    log(`using the cluster of TYPEKRO_TEST_KUBECONFIG=${process.env.TYPEKRO_TEST_KUBECONFIG}`);
    return runNodeTest(files, process.env).done;
  }
  const { tsImport } = await import('tsx/esm/api');
  const kit = await tsImport('../src/testing/index.ts', import.meta.url);
  const binaries = await kit.ensureClusterBinaries({ progress: (l) => process.stderr.write(`${l}\n`) });
  const cluster = await kit.startLocalCluster({ name: 'test', binaries, progress: (l) => log(l) });
  log(`cluster ready in ${(cluster.startMs / 1000).toFixed(1)} s, kubeconfig ${cluster.kubeconfigPath}`);
  const run = runNodeTest(files, { ...process.env, TYPEKRO_TEST_KUBECONFIG: cluster.kubeconfigPath });
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

async function main() {
  const files = explicit.length > 0 ? explicit : unit ? findTests(join(root, 'src')) : [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))];
  if (files.length === 0) {
    log('no test files found');
    return 0;
  }
  if (unit) return runNodeTest(files, process.env).done;
  return withCluster(files);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
