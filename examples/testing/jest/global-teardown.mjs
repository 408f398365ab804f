// Stops the control plane jest/global-setup.mjs started (nothing when it reused one).
export { jestGlobalTeardown as default } from 'typekro/testing';
