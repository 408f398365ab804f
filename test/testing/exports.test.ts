/** `typekro/testing` is where users look for the test kit: the concrete evaluation is there too (trial 15 F3). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as root from '../../src/index.js';
import * as kit from '../../src/testing/index.js';

it("typekro/testing exports evaluateConcrete and OpaqueCel, the very ones of typekro (instanceof holds across both)", () => {
  assert.equal(kit.evaluateConcrete, root.evaluateConcrete);
  assert.equal(kit.OpaqueCel, root.OpaqueCel);
});
