/**
 * Reads a V8 CPU profile (`node --cpu-prof`) as text: the functions with the most self time, or the call
 * tree under every call of one function (merged; generated bench files merged by size), with inclusive and
 * self milliseconds. Under tsx, TypeKro's functions are reported at line 1 of their module: the column tells
 * them apart.
 *
 *   node bench/read-profile.mjs <file.cpuprofile> [--top=40]                      self time
 *   node bench/read-profile.mjs <file.cpuprofile> --under=withRun [--depth=6] [--min=1]   tree under withRun
 *
 * `--cpu-prof` writes one profile per thread: the main thread's is the largest.
 */
import { readFileSync } from 'node:fs';

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/read-profile.mjs <file.cpuprofile> [--top=N] [--under=fn --depth=N --min=percent]');
const args = new Map(rest.map((a) => [a.replace(/^--/, '').split('=')[0], a.split('=')[1]]));
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const label = ({ callFrame: f }) =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(src|node_modules)\//, '$1/').replace(/compose-(\d+)-[^/]*\.ts$/, 'compose-$1.ts')}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
const ms = (us) => (us / 1000).toFixed(1).padStart(8);

const under = args.get('under');
if (!under) {
  const totals = new Map();
  let all = 0;
  for (const [id, t] of selfTime) {
    all += t;
    const key = label(byId.get(id));
    totals.set(key, (totals.get(key) ?? 0) + t);
  }
  for (const [key, t] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(args.get('top') ?? 40))) {
    console.log(`${ms(t)} ms ${((100 * t) / all).toFixed(1).padStart(5)}%  ${key}`);
  }
} else {
  const inclusive = new Map();
  const total = (id) => {
    if (!inclusive.has(id)) inclusive.set(id, (byId.get(id).children ?? []).reduce((sum, child) => sum + total(child), selfTime.get(id) ?? 0));
    return inclusive.get(id);
  };
  const merged = { total: 0, self: 0, children: new Map() };
  const add = (into, id) => {
    into.total += total(id);
    into.self += selfTime.get(id) ?? 0;
    for (const child of byId.get(id).children ?? []) {
      const key = label(byId.get(child));
      if (!into.children.has(key)) into.children.set(key, { total: 0, self: 0, children: new Map() });
      add(into.children.get(key), child);
    }
  };
  // The outermost calls of the function (a recursive call is already inside its caller's tree).
  const visit = (id, inside) => {
    const node = byId.get(id);
    const matches = node.callFrame.functionName === under;
    if (matches && !inside) add(merged, id);
    for (const child of node.children ?? []) visit(child, inside || matches);
  };
  visit(profile.nodes[0].id, false);
  const depth = Number(args.get('depth') ?? 6);
  const min = Number(args.get('min') ?? 1);
  const print = (node, key, level) => {
    console.log(`${'  '.repeat(level)}${ms(node.total).trim()} ms ${((100 * node.total) / merged.total).toFixed(1)}% (self ${ms(node.self).trim()}) ${key}`);
    if (level >= depth) return;
    for (const [childKey, child] of [...node.children].sort((a, b) => b[1].total - a[1].total)) {
      if ((100 * child.total) / merged.total >= min) print(child, childKey, level + 1);
    }
  };
  print(merged, under, 0);
}
