// A node:test reporter for scripts/run-tests.mjs: how long each test file took, in ms, from its first event
// to its last as they reach the runner (so work done while a file loads or in its hooks counts too), written
// as JSON to the reporter's destination. The runner starts the longest files first on the next run, so none
// starts last and runs alone.
export default async function* durations(source) {
  const seen = {};
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const now = performance.now();
    seen[file] ??= { first: now, last: now };
    seen[file].last = now;
  }
  yield `${JSON.stringify(Object.fromEntries(Object.entries(seen).map(([file, t]) => [file, t.last - t.first])), null, 1)}\n`;
}
