/** The CLI's pure helpers, table-driven: spec flags, durations, diffs, error classes, progress rendering. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparable, describeChange, diffObjects } from '../../src/cli/diff.js';
import { CliError, exitCodeOf, UsageError } from '../../src/cli/errors.js';
import { InterruptedError } from '../../src/cli/interrupt.js';
import { isComposition, parseReference } from '../../src/cli/load.js';
import { parseBoolean, parseDuration } from '../../src/cli/options.js';
import { selectorString } from '../../src/cli/pods.js';
import { createProgress, truncate } from '../../src/cli/progress.js';
import { summarize } from '../../src/cli/readiness.js';
import { applySets, parsePath, parseValue, readSpecFile } from '../../src/cli/spec.js';

describe('--set', () => {
  it('parses paths with keys and indexes', () => {
    assert.deepEqual(parsePath('a.b.c'), ['a', 'b', 'c']);
    assert.deepEqual(parsePath('workers[1].name'), ['workers', 1, 'name']);
    assert.deepEqual(parsePath('workers.0.name'), ['workers', 0, 'name']);
    assert.deepEqual(parsePath('m[0][2]'), ['m', 0, 2]);
    for (const bad of ['', 'a..b', '.a', 'a[x]', 'a]']) assert.throws(() => parsePath(bad), UsageError, bad);
  });

  it('parses values as YAML scalars and flow collections, else keeps the text', () => {
    const cases: [string, unknown][] = [
      ['3', 3], ['2.5', 2.5], ['true', true], ['false', false], ['null', null], ['', ''], ['nginx:1.27', 'nginx:1.27'],
      ['[a, b]', ['a', 'b']], ['{x: 1}', { x: 1 }], ['a: b', 'a: b'], ['#1', '#1'], ['http://x:80/y', 'http://x:80/y'], ['yes', 'yes'],
    ];
    for (const [text, value] of cases) assert.deepEqual(parseValue(text), value, text);
  });

  it('merges over the spec file, creating objects and lists, without touching the base', () => {
    const base = { name: 'shop', database: { password: 'x' }, workers: [{ name: 'a' }] };
    const result = applySets(base, ['database.version=16', 'workers[0].replicas=2', 'workers[1].name=b', 'tags=[x, y]', 'name=web']);
    assert.deepEqual(result, { name: 'web', database: { password: 'x', version: 16 }, workers: [{ name: 'a', replicas: 2 }, { name: 'b' }], tags: ['x', 'y'] });
    assert.deepEqual(base.database, { password: 'x' });
    assert.deepEqual(applySets({}, ['version=16'], true), { version: '16' });
  });

  it('rejects assignments that do not fit the data', () => {
    assert.throws(() => applySets({}, ['novalue']), /expected path=value/);
    assert.throws(() => applySets({}, ['=1']), /expected path=value/);
    assert.throws(() => applySets({ name: 'x' }, ['name.first=a']), /inside something that is not an object/);
    assert.throws(() => applySets({ list: {} }, ['list[0]=a']), /indexes something that is not a list/);
  });
});

describe('spec files', () => {
  it('accepts a mapping, an empty file, or a whole instance (its spec is used)', () => {
    assert.deepEqual(readSpecFile('-', () => 'replicas: 2\n'), { replicas: 2 });
    assert.deepEqual(readSpecFile('-', () => '{"replicas": 2}'), { replicas: 2 });
    assert.deepEqual(readSpecFile('-', () => ''), {});
    assert.deepEqual(readSpecFile('-', () => 'apiVersion: example.com/v1\nkind: WebApp\nmetadata: {name: w}\nspec:\n  replicas: 3\n'), { replicas: 3 });
    assert.throws(() => readSpecFile('-', () => 'a: 1\n---\nb: 2\n'), /holds 2 YAML documents/);
    assert.throws(() => readSpecFile('-', () => '42'), /must hold a mapping of spec fields \(got number\)/);
  });
});

describe('options', () => {
  it('parses durations', () => {
    const cases: [string, number][] = [['90', 90_000], ['90s', 90_000], ['5m', 300_000], ['1m30s', 90_000], ['1500ms', 1500], ['2h', 7_200_000], ['0.5s', 500]];
    for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
    for (const bad of ['soon', '5 m', '5x', 'm5', '']) assert.throws(() => parseDuration(bad), UsageError, bad);
  });

  it('parses booleans for --wait', () => {
    assert.equal(parseBoolean(true, '--wait'), true);
    assert.equal(parseBoolean('false', '--wait'), false);
    assert.equal(parseBoolean('0', '--wait'), false);
    assert.throws(() => parseBoolean('maybe', '--wait'), /--wait=maybe/);
  });

  it('splits file#export references', () => {
    assert.deepEqual(parseReference('app.ts'), { file: 'app.ts' });
    assert.deepEqual(parseReference('app.ts#web'), { file: 'app.ts', exportName: 'web' });
    assert.deepEqual(parseReference('app.ts', 'web'), { file: 'app.ts', exportName: 'web' });
    assert.throws(() => parseReference('app.ts#web', 'api'), /names export "web" but --export says "api"/);
    assert.throws(() => parseReference('app.ts#'), /nothing after "#"/);
  });

  it('recognises compositions by shape (another TypeKro copy has other classes)', () => {
    const fn = Object.assign(() => undefined, { graph: {}, toYaml: () => '', factory: () => undefined });
    assert.equal(isComposition(fn), true);
    assert.equal(isComposition({ graph: 1, toYaml: () => '', factory: () => undefined }), false);
    assert.equal(isComposition(42), false);
  });
});

describe('exit codes', () => {
  // Errors as another copy of TypeKro would throw them: same class names, different classes.
  const named = (name: string, parent = Error): Error => {
    const cls = { [name]: class extends parent {} }[name]!;
    return new cls('x');
  };
  it('classifies by class name along the prototype chain', () => {
    const directDeploy = named('DirectDeployError');
    const timeout = new ({ DirectTimeoutError: class extends (directDeploy.constructor as typeof Error) {} }.DirectTimeoutError)('t');
    assert.equal(exitCodeOf(named('SpecValidationError')), 2);
    assert.equal(exitCodeOf(named('InvalidResourceIdError', named('CompositionError').constructor as typeof Error)), 2);
    assert.equal(exitCodeOf(named('KubeconfigError')), 2);
    assert.equal(exitCodeOf(directDeploy), 1);
    assert.equal(exitCodeOf(timeout), 3);
    assert.equal(exitCodeOf(Object.assign(named('KubeApiError'), { message: 'timed out after 5s waiting for WebApp a/b' })), 3);
    assert.equal(exitCodeOf(new InterruptedError()), 130);
    assert.equal(exitCodeOf(new CliError('not found', 1)), 1);
    assert.equal(exitCodeOf(new TypeError('bug')), 1);
  });
});

describe('diff', () => {
  it('lists changed leaves by path, ignoring server-maintained metadata and status', () => {
    const live = { metadata: { name: 'a', resourceVersion: '1', labels: { 'app.kubernetes.io/name': 'a' } }, spec: { replicas: 2, ports: [{ port: 80 }] }, status: { ready: 1 } };
    const next = { metadata: { name: 'a', resourceVersion: '2', labels: { 'app.kubernetes.io/name': 'b' } }, spec: { replicas: 3, ports: [{ port: 80 }, { port: 443 }] }, status: { ready: 0 } };
    const changes = diffObjects(comparable(live), comparable(next));
    assert.deepEqual(changes.map(describeChange), ['metadata.labels["app.kubernetes.io/name"]: "a" → "b"', 'spec.ports[1]: + {"port":443}', 'spec.replicas: 2 → 3']);
    assert.deepEqual(diffObjects(comparable(live), comparable({ ...live, metadata: { ...live.metadata, resourceVersion: '9' } })), []);
    assert.equal(describeChange({ path: 'data.password' }), 'data.password');
  });
});

describe('pods and readiness', () => {
  it('builds label selectors', () => {
    assert.equal(selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'Exists' }] }), 'app=web,tier in (a,b),x');
  });

  it('summarises readiness of common kinds', () => {
    assert.deepEqual(summarize({ kind: 'Deployment', spec: { replicas: 2 }, status: { readyReplicas: 1 } } as never), { ready: false, detail: '1/2 ready' });
    assert.deepEqual(summarize({ kind: 'Deployment', spec: {}, status: { readyReplicas: 1 } } as never), { ready: true, detail: '1/1 ready' });
    assert.equal(summarize({ kind: 'Job', status: { conditions: [{ type: 'Complete', status: 'True' }] } } as never).ready, true);
    assert.equal(summarize({ kind: 'Certificate', status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Pending' }] } } as never).detail, 'Pending');
    assert.deepEqual(summarize({ kind: 'ConfigMap' }), { ready: true, detail: 'exists' });
  });
});

describe('progress', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    const stream = { isTTY, columns: 100, write: (text: string) => chunks.push(text) > 0 } as unknown as NodeJS.WriteStream;
    return { stream, text: () => chunks.join('') };
  };

  it('prints timestamped lines when not on a terminal', () => {
    const { stream, text } = sink(false);
    const view = createProgress({ title: 'deploying', ids: ['web'], waitForReady: true, stream });
    view.event({ type: 'apply', message: 'applied Deployment default/web', resourceId: 'web' });
    view.fail('web', 'boom\nmore');
    view.finish();
    const lines = text().trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT[\d:.]+Z deploying$/);
    assert.match(lines[1]!, /Z \[web\] applied Deployment default\/web$/);
    assert.match(lines[2]!, /Z \[web\] FAILED: boom$/);
  });

  it('redraws one line per resource in place on a terminal', () => {
    const { stream, text } = sink(true);
    const view = createProgress({ title: 'deploying', ids: ['db', 'web', 'ingress'], waitForReady: true, stream, live: true, now: () => 0 });
    view.event({ type: 'apply', message: 'applied StatefulSet default/db', resourceId: 'db' });
    view.event({ type: 'ready', message: 'db is ready', resourceId: 'db' });
    view.event({ type: 'apply', message: 'applied Deployment default/web', resourceId: 'web' });
    view.finish('skipped');
    const frames = text().split('\x1b[4F');
    assert.ok(frames.length >= 4, 'each update moves the cursor up over the previous frame');
    const last = frames.at(-1)!.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    assert.match(last, /✓ db +ready/);
    assert.match(last, /web +waiting for readiness 0s +applied Deployment default\/web/);
    assert.match(last, /- ingress +skipped/);
  });

  it('folds finished resources into a count when the view is taller than the terminal', () => {
    const chunks: string[] = [];
    const stream = { isTTY: true, columns: 100, rows: 8, write: (text: string) => chunks.push(text) > 0 } as unknown as NodeJS.WriteStream;
    const ids = Array.from({ length: 20 }, (_, i) => `r${i}`);
    const view = createProgress({ title: 'deploying', ids, waitForReady: true, stream, live: true, now: () => 0 });
    for (const id of ids.slice(0, 15)) view.event({ type: 'ready', message: `${id} is ready`, resourceId: id });
    view.finish();
    const last = chunks.at(-1)!.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trimEnd().split('\n');
    assert.ok(last.length <= 6, last.join('\n'));
    assert.match(last[1]!, /… 15 done, 2 more in progress/);
  });

  it('truncates to the terminal width, keeping colour codes', () => {
    assert.equal(truncate('\x1b[32mabcdef\x1b[0m', 3), '\x1b[32mabc\x1b[0m');
  });
});
