/**
 * The public API's result types: a ProgressEvent narrows on `type`; a deploy result is a whole status only
 * when `complete` says so.
 */
import type { DirectInstance, KroInstance, ProgressEvent } from '../../src/index.js';

export function describeEvent(event: ProgressEvent): string {
  switch (event.type) {
    case 'waiting': {
      const reason: string = event.reason;
      return `${event.resourceId} ${event.object.name}: ${reason}`;
    }
    case 'apply':
      return event.object.kind;
    case 'event': {
      const level: 'info' | 'warning' = event.level;
      return level;
    }
    case 'status':
      // @ts-expect-error a status event has no resourceId
      return event.resourceId;
    default:
      return event.message;
  }
}

export function readyOf(instance: DirectInstance<{ replicas: number }, { ready: boolean; url: string }>): boolean {
  // @ts-expect-error without checking `complete`, a field may be absent
  const unchecked: boolean = instance.status.ready;
  void unchecked;
  if (instance.complete) {
    const whole: { ready: boolean; url: string } = instance.status;
    return whole.ready;
  }
  const first: 'ready' | 'url' = instance.pending[0];
  return first === 'url' && instance.status.ready === true;
}

export function stateOf(instance: KroInstance<{ name: string }, { host: string }>): string | undefined {
  const host: string | undefined = instance.status.host;
  return instance.state ?? host;
}
