// Stops the control plane jest/global-setup.ts started (nothing when it reused one).
import { jestGlobalTeardown } from 'typekro/testing';

export default jestGlobalTeardown;
