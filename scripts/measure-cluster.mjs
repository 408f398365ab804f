#!/usr/bin/env node
// Measures the local control plane: warm start time over several runs, memory (RSS) of an idle cluster,
// stop time. Usage: node scripts/measure-cluster.mjs [runs=5] [idleSeconds=30]
// Binaries must be built (or this builds them first, which is not part of the figures).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const runs = Number(process.argv[2] ?? 5);
const idle = Number(process.argv[3] ?? 30);
const { tsImport } = await import('tsx/esm/api');
const kit = await tsImport('../src/testing/index.ts', import.meta.url);
const binaries = await kit.ensureClusterBinaries();

const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const starts = [];
for (let i = 0; i < runs; i++) {
  const t = Date.now();
  const cluster = await kit.startLocalCluster({ binaries, name: `measure-${i}` });
  starts.push(Date.now() - t);
  if (i === runs - 1) {
    await sleep(idle * 1000); // let start-up allocations settle (informer caches, GC)
    let total = 0;
    for (const c of cluster.components) {
      const kib = rssKiB(c.pid);
      total += kib;
      console.log(`rss ${c.name.padEnd(24)} ${(kib / 1024).toFixed(0)} MiB`);
    }
    if (cluster.watchdogPid) console.log(`rss ${'watchdog (node)'.padEnd(24)} ${(rssKiB(cluster.watchdogPid) / 1024).toFixed(0)} MiB`);
    console.log(`rss total (components, after ${idle} s idle): ${(total / 1024).toFixed(0)} MiB`);
  }
  const s = Date.now();
  await cluster.stop();
  console.log(`run ${i + 1}: start ${(starts[i] / 1000).toFixed(1)} s, stop ${((Date.now() - s) / 1000).toFixed(1)} s`);
}
const sorted = [...starts].sort((a, b) => a - b);
console.log(`warm start over ${runs} runs: min ${(sorted[0] / 1000).toFixed(1)} s, median ${(sorted[Math.floor(runs / 2)] / 1000).toFixed(1)} s, max ${(sorted[runs - 1] / 1000).toFixed(1)} s`);
