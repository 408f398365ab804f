// One local control plane per Jest run (or the cluster of TYPEKRO_TEST_KUBECONFIG); the tests find it
// through TYPEKRO_TEST_KUBECONFIG, set before the workers start.
import { jestGlobalSetup } from 'typekro/testing';

export default jestGlobalSetup;
