/** The CLI's pure helpers, table-driven: spec flags, durations, diffs, error classes, progress rendering. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError, codeOf, exitCodeOf, formatError, UsageError } from '../../src/cli/errors.js';
import { InterruptedError } from '../../src/cli/interrupt.js';
import { isComposition, parseReference } from '../../src/cli/load.js';
import { parseBoolean, parseDuration } from '../../src/cli/options.js';
import { selectorString } from '../../src/runtime/kube/logs.js';
import { createProgress, truncate } from '../../src/cli/progress.js';
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
    const result = applySets(base, ['database.version=16', 'workers[0].replicas=2', 'workers[1].name=b', 'tags=[x, z]', 'name=web']);
    assert.deepEqual(result, { name: 'web', database: { password: 'x', version: 16 }, workers: [{ name: 'a', replicas: 2 }, { name: 'b' }], tags: ['x', 'z'] });
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
  it('classifies by the stable code, whatever copy of TypeKro threw the error', async () => {
    const { SpecValidationError, CompositionError, KubeconfigError, DirectDeployError, DirectTimeoutError, KubeTimeoutError, InstanceNotFoundError } = await import('../../src/index.js');
    assert.equal(exitCodeOf(new SpecValidationError('app', ['spec.x must be a number'])), 2);
    assert.equal(exitCodeOf(new CompositionError('bad')), 2);
    assert.equal(exitCodeOf(new KubeconfigError('none')), 2);
    assert.equal(exitCodeOf(new DirectDeployError('failed')), 1);
    assert.equal(exitCodeOf(new DirectTimeoutError('late')), 3);
    assert.equal(exitCodeOf(new KubeTimeoutError('timed out after 5s waiting for WebApp a/b')), 3);
    assert.equal(exitCodeOf(new InstanceNotFoundError('web', 'dev', 'WebApp "web" in namespace dev (direct mode) not found')), 1);
    assert.equal(exitCodeOf(new InterruptedError()), 130);
    assert.equal(exitCodeOf(new CliError('not found', 1)), 1);
    assert.equal(exitCodeOf(new TypeError('bug')), 1);
    // Another copy's classes are other classes: only the code counts.
    const foreign = (code: string): Error => Object.assign(new Error('x'), { code });
    assert.equal(exitCodeOf(foreign('SPEC_INVALID')), 2);
    assert.equal(exitCodeOf(foreign('TIMEOUT')), 3);
  });

  it('prints known errors without a stack hint, anything else (Node system errors too) with one', () => {
    assert.equal(formatError(new UsageError('bad flag'), false), 'typekro: bad flag');
    assert.match(formatError(new TypeError('bug'), false), /\(TypeError; run with --debug for the stack trace\)/);
    const system = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' });
    assert.equal(codeOf(system), undefined);
    assert.equal(codeOf(Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' })), undefined);
    assert.match(formatError(system, false), /run with --debug/);
  });
});

describe('label selectors', () => {
  it('builds label selectors', () => {
    assert.equal(selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'Exists' }] }), 'app=web,tier in (a,b),x');
  });
});

describe('progress', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    const stream = { isTTY, columns: 100, write: (text: string) => chunks.push(text) > 0 };
    return { stream, text: () => chunks.join('') };
  };

  it('prints timestamped lines when not on a terminal', () => {
    const { stream, text } = sink(false);
    const view = createProgress({ title: 'deploying', ids: ['web'], waitForReady: true, stream, color: false });
    view.event({ type: 'apply', message: 'applied Deployment default/web', resourceId: 'web' });
    view.fail('web');
    view.finish();
    const lines = text().trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT[\d:.]+Z deploying$/);
    assert.match(lines[1]!, /Z \[web\] applied Deployment default\/web$/);
    // the error itself is printed once, by the CLI, after the view
    assert.match(lines[2]!, /Z \[web\] FAILED \(error below\)$/);
  });

  it('redraws one line per resource in place on a terminal', () => {
    const { stream, text } = sink(true);
    const view = createProgress({ title: 'deploying', ids: ['db', 'web', 'ingress'], waitForReady: true, stream, color: true, live: true, now: () => 0 });
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
    const stream = { isTTY: true, columns: 100, rows: 8, write: (text: string) => chunks.push(text) > 0 };
    const ids = Array.from({ length: 20 }, (_, i) => `r${i}`);
    const view = createProgress({ title: 'deploying', ids, waitForReady: true, stream, color: true, live: true, now: () => 0 });
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
