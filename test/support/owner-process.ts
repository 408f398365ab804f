// Starts a local cluster, prints what it consists of as one JSON line, then waits to be killed.
// test/cluster/lifecycle.cluster.test.ts kills this process with SIGKILL and checks that nothing is left behind.
import { startLocalCluster } from '../../src/testing/index.js';

const cluster = await startLocalCluster({ name: 'owner', reportFailures: false });
const report = {
  dir: cluster.dir,
  pids: cluster.components.map((c) => c.pid),
  watchdogPid: cluster.watchdogPid,
  ports: Object.values(cluster.ports),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
setInterval(() => {}, 1 << 30);
