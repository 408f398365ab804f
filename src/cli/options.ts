/**
 * Options shared by commands, declared once so every command spells them the same way (kubectl's names).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadKubeConfig } from '../runtime/kube/config.js';
import { UsageError } from './errors.js';
import { parseOutputFormat, type OutputFormat } from './output.js';

export type Mode = 'direct' | 'kro';

export interface ClusterOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
}

export interface CompositionOptions {
  readonly export?: string;
  readonly tsconfig?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `<file>` plus `--export` and `--tsconfig`. */
export function withComposition(command: Command): Command {
  return command
    .argument('<file>', 'TypeScript file that exports the composition (file.ts or file.ts#exportName)')
    .option('-e, --export <name>', 'the export to use when the file exports several compositions')
    .option('--tsconfig <file>', 'tsconfig for loading the file (default: the nearest tsconfig.json)');
}

/** `short: false` where `-f` means something else (`logs -f` follows, as in kubectl). */
export function withSpec(command: Command, short = true): Command {
  return command
    .option(`${short ? '-f, ' : ''}--spec <file>`, 'instance spec as YAML or JSON; - reads stdin')
    .option('--set <path=value>', "set a spec field (repeatable); values take the spec schema's types (a string field keeps 007), else parse as YAML (3, true, [a, b]); a dot inside a key is written \\. (labels.app\\.kubernetes\\.io/name=web)", collect)
    .option('--set-string <path=value>', 'set a spec field to a string (repeatable)', collect);
}

export function withCluster(command: Command): Command {
  return command
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('-n, --namespace <name>', "namespace of the instance (default: the context's namespace, else default)");
}

export function withOutput(command: Command, what: string): Command {
  return command.addOption(new Option('-o, --output <format>', `${what} format: yaml or json`).argParser(parseOutputFormat).default('yaml' satisfies OutputFormat));
}

export function withMode(command: Command): Command {
  return command.addOption(
    new Option('-m, --mode <mode>', 'direct: TypeKro applies the resources; kro: the KRO controller does').argParser(parseMode).default('direct' satisfies Mode),
  );
}

export function withTimeout(command: Command, fallback = '5m'): Command {
  return command.option('--timeout <duration>', 'deadline, e.g. 90s, 5m, 1m30s, 1500ms (a bare number is seconds)', fallback);
}

/** `--wait-for-lock`: wait for another deploy or delete of the instance instead of failing (the instance's Lease). */
export function withLock(command: Command): Command {
  return command.option('--wait-for-lock', 'wait for another deploy or delete of the same instance to finish, instead of failing at once');
}

export function withName(command: Command): Command {
  return command.option('--name <name>', "instance name (default: the spec's name field, defaults applied, else the composition name)");
}

export function parseMode(value: string): Mode {
  if (value === 'direct' || value === 'kro') return value;
  throw new InvalidArgumentError('use direct or kro.');
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `90s`, `5m`, `1m30s`, `1500ms`, `2h`; a bare number is seconds. Returns milliseconds, at least 1: a zero
 * deadline would apply the objects and then fail at once, leaving them behind.
 */
export function parseDuration(text: string, flag = '--timeout'): number {
  const trimmed = text.trim();
  const ms = durationMs(trimmed);
  if (ms === undefined) throw new UsageError(`${flag} "${text}": use a duration such as 90s, 5m, 1m30s or 1500ms`);
  if (ms < 1) throw new UsageError(`${flag} "${text}": the deadline must be more than zero (a zero deadline fails right after applying the objects); use a duration such as 90s or 5m`);
  return ms;
}

function durationMs(trimmed: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  const consumed = parts.map((part) => part[0]).join('');
  if (parts.length === 0 || consumed !== trimmed) return undefined;
  return Math.round(parts.reduce((sum, part) => sum + Number(part[1]) * UNITS[part[2]!]!, 0));
}

/** `--wait`, `--wait=false`, `--no-wait`: commander gives true, false, or the text after `=`. */
export function parseBoolean(value: string | boolean, flag: string): boolean {
  if (typeof value === 'boolean') return value;
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new UsageError(`${flag}=${value}: use true or false`);
}

export interface ClusterTarget {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  /** Whether `--namespace` gave it (a cluster-scoped composition's kro factory takes only `default`). */
  readonly namespaceGiven?: boolean;
}

/**
 * The cluster the flags name, loaded once (kubectl's rules): the namespace is `--namespace`, else the
 * context's namespace, else `default`.
 */
export function clusterTarget(options: ClusterOptions, env: Readonly<Record<string, string | undefined>>): ClusterTarget {
  const files = { ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}), ...(options.context ? { context: options.context } : {}) };
  const kubeConfig = loadKubeConfig(files, env);
  const namespace = options.namespace ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace ?? 'default';
  return { ...files, kubeConfig, namespace, namespaceGiven: options.namespace !== undefined };
}
