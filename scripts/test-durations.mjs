// A node:test reporter for scripts/run-tests.mjs: how long each test file's tests took, in ms (the sum of its
// top-level tests and suites; loading the file and top-level hooks do not count), written as JSON to the
// reporter's destination. The runner starts the longest files first on the next run, so none starts last and
// runs alone. (Node 20 reports a file's events when the file is done, in order, so their arrival says nothing.)
export default async function* durations(source) {
  const byFile = {};
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      byFile[event.data.file] = (byFile[event.data.file] ?? 0) + (event.data.details?.duration_ms ?? 0);
    }
  }
  yield `${JSON.stringify(byFile, null, 1)}\n`;
}
