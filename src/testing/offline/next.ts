/** What a deploy would do next, from a simulation's resources (the order a deploy works in). */
import type { NodePlan } from '../../runtime/engine/index.js';

/** What a step is decided from: the fields of a simulated resource. */
interface StepInput {
  readonly id: string;
  readonly plan: NodePlan['state'];
  readonly observed: boolean;
  readonly ready: boolean;
  readonly reason: string;
  readonly failed: boolean;
}

/**
 * One thing a deploy would do or wait for next.
 *
 * @example
 * import type { NextStep } from 'typekro/testing';
 * const step: NextStep = { action: 'create', resourceId: 'service', reason: 'not created yet' };
 * step.action; // => 'create'
 */
export interface NextStep {
  /**
   * - `create`: apply a resource that does not exist yet;
   * - `wait-ready`: it exists; wait until it is ready;
   * - `wait-dependencies`: render it once the resources it reads are ready;
   * - `wait-data`: an expression reads data that is not there yet (or an external object that does not exist);
   * - `fail`: the deploy would fail here (an expression failed, or the resource failed for good).
   */
  readonly action: 'create' | 'wait-ready' | 'wait-dependencies' | 'wait-data' | 'fail';
  readonly resourceId: string;
  readonly reason: string;
}

/** Ready and skipped resources need nothing; each other one gives one step. */
export function nextSteps(resources: readonly StepInput[]): NextStep[] {
  const steps: NextStep[] = [];
  for (const resource of resources) {
    if (resource.ready) continue;
    const step = (action: NextStep['action']): void => void steps.push({ action, resourceId: resource.id, reason: resource.reason });
    if (resource.failed) step('fail');
    else if (resource.plan === 'apply') step(resource.observed ? 'wait-ready' : 'create');
    else if (resource.plan === 'waiting') step('wait-dependencies');
    else step('wait-data');
  }
  return steps;
}
