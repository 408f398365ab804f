/**
 * One run of the CLI: a fresh commander program per call, writing through the given io and returning the
 * exit code. Nothing outlives the call, so it can run many times in one process (tests, embedding); the
 * `typekro` bin (`main.ts`) calls it once with the process's streams.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerClusterCommands } from './commands/cluster.js';
import { registerDelete } from './commands/delete.js';
import { registerDeploy } from './commands/deploy.js';
import { registerImport } from './commands/import.js';
import { registerLogs } from './commands/logs.js';
import { registerPlan } from './commands/plan.js';
import { registerRender } from './commands/render.js';
import { registerStatus } from './commands/status.js';
import { codeOf, EXIT, EXIT_CODES_HELP, exitCodeOf, formatError, UsageError } from './errors.js';
import { err, type CliIo, type CliRun } from './io.js';
import type { CliContext } from './remedies.js';

const EXAMPLES = `
Examples:
  typekro check app.ts                              validate offline
  typekro render app.ts                             the ResourceGraphDefinition (GitOps)
  typekro render app.ts -f spec.yaml --manifests    plain manifests for a spec
  typekro deploy app.ts -f spec.yaml -n dev         deploy directly (no KRO needed)
  typekro deploy app.ts#web --set replicas=3 --mode kro
  typekro status app.ts --name web -n dev`;

/** ../../package.json is the package root both from src/cli (tsx) and dist/cli (installed). */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function usageOf(command: Command): string {
  return `Usage: ${commandPath(command)} ${command.usage()}\nRun '${commandPath(command)} --help' for details.`;
}

/** Commander reports argument errors itself; we add where to read more, and exit with 2. */
function configure(command: Command, io: CliIo): void {
  // help is wrapped to the width of the run's own terminal (commander would ask process.stdout), so an
  // in-process run into a buffer prints what the bin prints into a pipe (commander's default width, 80)
  command.configureOutput({
    writeOut: (text) => void io.stdout.write(text),
    writeErr: (text) => void io.stderr.write(text),
    getOutHelpWidth: () => (io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 80),
    getErrHelpWidth: () => (io.stderr.isTTY && io.stderr.columns ? io.stderr.columns : 80),
  });
  command.showHelpAfterError(usageOf(command));
  command.exitOverride();
  command.commands.forEach((child) => configure(child, io));
}

function program(run: CliRun): { root: Command; active: () => Command } {
  const root = new Command('typekro')
    .description('Typed Kubernetes compositions: compile to KRO ResourceGraphDefinitions or deploy directly')
    .version(version())
    .option('--debug', 'print stack traces with errors')
    .addHelpText('after', `${EXAMPLES}\n${EXIT_CODES_HELP}`);
  // The command being run, to print its usage with a usage error.
  let active: Command = root;
  root.hook('preAction', (_root, command) => {
    active = command;
  });
  for (const register of [registerRender, registerCheck, registerDeploy, registerPlan, registerStatus, registerLogs, registerDelete, registerImport, registerClusterCommands]) register(root, run);
  configure(root, run.io);
  return { root, active: () => active };
}

/** The failed command's file and cluster flags, for the commands an error's remedies suggest. */
function contextOf(active: Command): CliContext {
  const options = active.opts<{ export?: string; kubeconfig?: string; context?: string }>();
  const file = active.registeredArguments[0]?.name() === 'file' ? active.args[0] : undefined;
  return {
    ...(file !== undefined ? { file } : {}),
    ...(options.export !== undefined ? { export: options.export } : {}),
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context !== undefined ? { context: options.context } : {}),
  };
}

/** What to say besides the error, where the command line can fix it. */
function hints(error: unknown, active: Command, root: Command): string[] {
  const code = codeOf(error);
  const options = active.opts<{ spec?: string; set?: string[]; setString?: string[] }>();
  const lines: string[] = [];
  if (code === 'SPEC_INVALID' && options.spec === undefined && !options.set && !options.setString) lines.push('  (no spec was given: pass one with -f spec.yaml or --set field=value)');
  // Only the command line's own mistakes: a name or value the library refuses is not fixed by the usage.
  if (error instanceof UsageError && active !== root) lines.push(usageOf(active));
  return lines;
}

/**
 * Runs `typekro <argv...>` (arguments only, without node and the script) and returns the exit code.
 *
 * @example
 * ```ts
 * const code = await runCli(['render', 'app.ts'], { stdout: process.stdout, stderr: process.stderr, env: process.env, readStdin: () => '' });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const run: CliRun = { io, exitCode: EXIT.ok };
  const { root, active } = program(run);
  try {
    await root.parseAsync([...argv], { from: 'user' });
    return run.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Already printed by commander, with the usage.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    const debug = Boolean(root.opts().debug) || io.env.TYPEKRO_DEBUG === '1';
    err(io, formatError(error, debug, contextOf(active())));
    for (const line of hints(error, active(), root)) err(io, line);
    return exitCodeOf(error);
  }
}
