#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerClusterCommands } from './commands/cluster.js';

// ../../package.json is the package root both from src/cli (tsx) and dist/cli (installed)
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('typekro')
  .description('Typed Kubernetes compositions: compile to KRO ResourceGraphDefinitions or deploy directly')
  .version(pkg.version);

registerClusterCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`typekro: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
