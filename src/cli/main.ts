#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerClusterCommands } from './commands/cluster.js';
import { registerDelete } from './commands/delete.js';
import { registerDeploy } from './commands/deploy.js';
import { registerLogs } from './commands/logs.js';
import { registerPlan } from './commands/plan.js';
import { registerRender } from './commands/render.js';
import { registerStatus } from './commands/status.js';
import { classNames, EXIT, EXIT_CODES_HELP, exitCodeOf, formatError } from './errors.js';

// ../../package.json is the package root both from src/cli (tsx) and dist/cli (installed)
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const EXAMPLES = `
Examples:
  typekro check app.ts                              validate offline
  typekro render app.ts                             the ResourceGraphDefinition (GitOps)
  typekro render app.ts -f spec.yaml --manifests    plain manifests for a spec
  typekro deploy app.ts -f spec.yaml -n dev         deploy directly (no KRO needed)
  typekro deploy app.ts#web --set replicas=3 --mode kro
  typekro status app.ts --name web -n dev`;

const program = new Command('typekro')
  .description('Typed Kubernetes compositions: compile to KRO ResourceGraphDefinitions or deploy directly')
  .version(pkg.version)
  .option('--debug', 'print stack traces with errors')
  .addHelpText('after', `${EXAMPLES}\n${EXIT_CODES_HELP}`)
  .exitOverride();

// The command being run, to print its usage with a usage error.
let active: Command = program;
program.hook('preAction', (_root, command) => {
  active = command;
});

registerRender(program);
registerCheck(program);
registerDeploy(program);
registerPlan(program);
registerStatus(program);
registerLogs(program);
registerDelete(program);
registerClusterCommands(program);

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Commander reports argument errors itself; we add where to read more, and exit with 2. */
function configureUsageHints(command: Command): void {
  command.showHelpAfterError(`Usage: ${commandPath(command)} ${command.usage()}\nRun '${commandPath(command)} --help' for details.`);
  command.commands.forEach(configureUsageHints);
}
configureUsageHints(program);

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
  }
  return exitCodeOf(error);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = exitCodeFor(error);
  if (error instanceof CommanderError) return; // already printed, with the usage
  const debug = Boolean(program.opts().debug) || process.env.TYPEKRO_DEBUG === '1';
  process.stderr.write(`${formatError(error, debug)}\n`);
  const options = active.opts<{ spec?: string; set?: string[]; setString?: string[] }>();
  if (classNames(error).includes('SpecValidationError') && options.spec === undefined && !options.set && !options.setString) {
    process.stderr.write('  (no spec was given: pass one with -f spec.yaml or --set field=value)\n');
  }
  if (classNames(error).includes('BreakingChangeError')) process.stderr.write('  (from the command line: typekro deploy --mode kro --allow-breaking-changes)\n');
  if (classNames(error).includes('UsageError') && active !== program) {
    process.stderr.write(`Usage: ${commandPath(active)} ${active.usage()}\nRun '${commandPath(active)} --help' for details.\n`);
  }
});
