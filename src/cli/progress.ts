/**
 * Progress of a deploy or delete, on stderr. On a terminal: one line per resource id, redrawn in place
 * (ANSI cursor moves; no TUI library, the view is a dozen lines). Otherwise: plain timestamped lines, one
 * per event, so logs of CI jobs stay readable.
 */
import { clipLines } from '../util/redact.js';
import type { CliOutput } from './io.js';

/** What the factories report (`progressCallback`); fields beyond these are ignored. */
export interface ProgressEvent {
  readonly type: string;
  readonly message: string;
  readonly resourceId?: string;
  /** `warning` for Kubernetes Warning events. */
  readonly level?: string;
}

export type ResourceState = 'pending' | 'waiting' | 'data' | 'ready' | 'applied' | 'skipped' | 'failed' | 'deleting' | 'deleted';

export interface ProgressView {
  readonly event: (event: ProgressEvent) => void;
  /**
   * Marks the resource an error names as failed. The error itself is not shown: the CLI prints it once,
   * after the view (a failed deploy used to print it twice).
   */
  readonly fail: (resourceId: string | undefined) => void;
  /** Stops redrawing; `pendingAs` is what still-pending resources became (skipped after a deploy). */
  readonly finish: (pendingAs?: ResourceState) => void;
}

interface Row {
  state: ResourceState;
  detail: string;
  since: number;
}

export interface ProgressOptions {
  readonly title: string;
  readonly ids: readonly string[];
  /** Whether `apply` means "waiting for readiness" or already done (`--wait=false`). */
  readonly waitForReady: boolean;
  readonly stream: CliOutput;
  /** ANSI colours in the live view (off with NO_COLOR). */
  readonly color: boolean;
  /** Force the view; default: live on a TTY, plain otherwise. */
  readonly live?: boolean;
  readonly now?: () => number;
}

const STATE_OF: Record<string, ResourceState> = {
  ready: 'ready',
  waiting: 'waiting',
  pending: 'data',
  skipped: 'skipped',
  delete: 'deleting',
  deleted: 'deleted',
};

const SEE_BELOW = '(error below)';

/** Events shown below the live view once it stops (several lines, or worth keeping on screen). */
const KEPT = new Set(['log', 'rollback', 'update']);

function stateFor(event: ProgressEvent, waitForReady: boolean): ResourceState | undefined {
  if (event.type === 'apply') return waitForReady ? 'waiting' : 'applied';
  return STATE_OF[event.type];
}

export function createProgress(options: ProgressOptions): ProgressView {
  const stream = options.stream;
  const live = options.live ?? Boolean(stream.isTTY);
  return live ? liveView(options, stream) : plainView(options, stream);
}

function plainView(options: ProgressOptions, stream: CliOutput): ProgressView {
  const write = (id: string | undefined, message: string): void => {
    stream.write(`${new Date().toISOString()} ${id ? `[${id}] ` : ''}${clipLines(message)}\n`);
  };
  write(undefined, options.title);
  return {
    event: (event) => write(event.resourceId, event.message),
    fail: (id) => void (id && write(id, `FAILED ${SEE_BELOW}`)),
    finish: () => undefined,
  };
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function liveView(options: ProgressOptions, stream: CliOutput): ProgressView {
  const now = options.now ?? Date.now;
  const started = now();
  const rows = new Map<string, Row>(options.ids.map((id) => [id, { state: 'pending', detail: '', since: started }]));
  const color = options.color;
  let footer = '';
  const kept: string[] = [];
  let drawn = 0;
  let tick = 0;
  let done = false;

  const draw = (): void => {
    const width = Math.max(20, (stream.columns ?? 100) - 1);
    const height = Math.max(5, (stream.rows ?? 40) - 2);
    const body = fitRows(renderRows(rows, now(), SPINNER[tick % SPINNER.length]!, color), rows, height - 2);
    const lines = [options.title, ...body, ...(footer ? [footer] : [])];
    // Lines are cut to the terminal width: a wrapped line would break the cursor arithmetic.
    let text = drawn > 0 ? `\x1b[${drawn}F` : '';
    for (const line of lines) text += `\x1b[2K${truncate(line, width)}\n`;
    stream.write(`${text}\x1b[J`);
    drawn = lines.length;
  };
  const timer = setInterval(() => {
    tick++;
    draw();
  }, 100);
  timer.unref();
  draw();

  const set = (id: string, state: ResourceState, detail: string): void => {
    const row = rows.get(id) ?? { state, detail, since: now() };
    if (row.state !== state) row.since = now();
    row.state = state;
    row.detail = detail;
    rows.set(id, row);
  };
  return {
    event(event) {
      if (done) return;
      if (KEPT.has(event.type) || event.level === 'warning') kept.push(`${event.resourceId ? `[${event.resourceId}] ` : ''}${clipLines(event.message)}`);
      const state = stateFor(event, options.waitForReady);
      const row = event.resourceId ? rows.get(event.resourceId) : undefined;
      if (event.resourceId && state) set(event.resourceId, state, event.message);
      // Other news about a resource (a Kubernetes event) becomes its detail; the state stays.
      else if (event.resourceId && row && !KEPT.has(event.type)) set(event.resourceId, row.state, event.message);
      else if (!KEPT.has(event.type)) footer = firstLine(event.message);
      draw();
    },
    fail(id) {
      if (!id || !rows.has(id)) return;
      set(id, 'failed', SEE_BELOW);
      draw();
    },
    finish(pendingAs) {
      if (done) return;
      done = true;
      clearInterval(timer);
      if (pendingAs) for (const [id, row] of rows) if (row.state === 'pending') set(id, pendingAs, '');
      draw();
      for (const note of kept) stream.write(`${note}\n`);
    },
  };
}

const DONE: ReadonlySet<ResourceState> = new Set(['ready', 'applied', 'skipped', 'deleted']);

/**
 * More resources than the terminal has rows: finished ones are folded into one count line, since the
 * cursor cannot move above the top of the screen to redraw them.
 */
function fitRows(lines: string[], rows: ReadonlyMap<string, Row>, height: number): string[] {
  if (lines.length <= height) return lines;
  const states = [...rows.values()].map((row) => row.state);
  const open = lines.filter((_, i) => !DONE.has(states[i]!));
  const done = lines.length - open.length;
  const shown = open.slice(0, Math.max(1, height - 1));
  const hidden = open.length - shown.length;
  return [`  … ${done} done${hidden > 0 ? `, ${hidden} more in progress` : ''}`, ...shown];
}

const LABEL: Record<ResourceState, string> = {
  pending: 'pending',
  waiting: 'waiting for readiness',
  data: 'waiting for data',
  ready: 'ready',
  applied: 'applied',
  skipped: 'skipped',
  failed: 'failed',
  deleting: 'deleting',
  deleted: 'deleted',
};

const ACTIVE: ReadonlySet<ResourceState> = new Set(['waiting', 'data', 'deleting']);

function renderRows(rows: ReadonlyMap<string, Row>, now: number, spinner: string, color: boolean): string[] {
  const width = Math.max(0, ...[...rows.keys()].map((id) => id.length));
  const paint = (code: string, text: string): string => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return [...rows].map(([id, row]) => {
    const icon = iconOf(row.state, spinner, paint);
    const elapsed = ACTIVE.has(row.state) ? ` ${Math.round((now - row.since) / 1000)}s` : '';
    const detail = row.detail && row.state !== 'ready' && row.state !== 'deleted' ? `  ${paint('2', row.detail)}` : '';
    return `  ${icon} ${id.padEnd(width)}  ${LABEL[row.state]}${elapsed}${detail}`;
  });
}

function iconOf(state: ResourceState, spinner: string, paint: (code: string, text: string) => string): string {
  if (state === 'ready' || state === 'applied' || state === 'deleted') return paint('32', '✓');
  if (state === 'failed') return paint('31', '✗');
  if (state === 'skipped') return paint('2', '-');
  if (state === 'pending') return paint('2', '·');
  return paint('33', spinner);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** Cuts to `width` visible characters, keeping ANSI colour codes intact. */
export function truncate(line: string, width: number): string {
  let visible = 0;
  let result = '';
  for (let i = 0; i < line.length; i++) {
    const escape = /^\x1b\[[0-9;]*m/.exec(line.slice(i));
    if (escape) {
      result += escape[0];
      i += escape[0].length - 1;
      continue;
    }
    if (visible >= width) continue;
    result += line[i];
    visible++;
  }
  return result;
}
