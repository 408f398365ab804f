// One local control plane per Jest run (or the cluster of TYPEKRO_TEST_KUBECONFIG); the tests find it
// through TYPEKRO_TEST_KUBECONFIG, set before the workers start. Plain ESM: Jest imports it as is, outside
// its module registry (so without moduleNameMapper).
export { jestGlobalSetup as default } from 'typekro/testing';
