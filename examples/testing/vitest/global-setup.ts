// One local control plane per Vitest run; the returned teardown stops it. Its kubeconfig reaches the tests
// through TYPEKRO_TEST_KUBECONFIG (set before the workers start).
import { startTestCluster } from 'typekro/testing';

export default () => startTestCluster();
