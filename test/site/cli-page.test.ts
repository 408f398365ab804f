/**
 * The site's CLI page is the CLI's own help: docs/guide/cli.md must equal what scripts/docs-cli.ts generates from
 * `typekro <command> --help` now, so the page cannot disagree with the CLI (rewrite it with `npm run docs:cli`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CLI_PAGE, cliPage, subcommands } from '../../scripts/docs-cli.js';

describe('the CLI page of the site', () => {
  it('equals the help the CLI prints (npm run docs:cli rewrites it)', async () => {
    const committed = readFileSync(CLI_PAGE, 'utf8');
    assert.ok(committed === (await cliPage()), 'docs/guide/cli.md differs from the CLI help: run `npm run docs:cli` and review the diff');
  });

  it('has a section for every command and subcommand', () => {
    const page = readFileSync(CLI_PAGE, 'utf8');
    for (const command of ['render', 'check', 'deploy', 'plan', 'status', 'logs', 'delete', 'cluster', 'cluster start', 'cluster stop', 'cluster status', 'cluster build']) {
      assert.ok(page.includes(`## \`typekro ${command}\``), `no section for typekro ${command}`);
    }
  });

  it('finds the commands of a help text, without `help`', () => {
    const help = 'Usage: x\n\nCommands:\n  start [options]   start a cluster, printing\n                    its path\n  stop              stop it\n  help [command]    display help\n\nExamples:\n  typekro x\n';
    assert.deepEqual(subcommands(help), ['start', 'stop']);
  });
});
