/**
 * An error's remedies (util/remedy.ts) in CLI terms: the API's message names factory calls and options
 * (`deleteInstance("web")`, `rollbackOnFailure`); a CLI user gets the command line or flag that does the same.
 */
import { remediesOf, renderRemedies, type Remedy, type RemedyOption, type RemedyTerms } from '../util/remedy.js';

/** What the command line that failed said, for the commands a remedy suggests. */
export interface CliContext {
  /** The composition file argument, as typed (`app.ts`, `app.ts#web`). */
  readonly file?: string;
  readonly export?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
}

const FLAGS: Readonly<Record<RemedyOption, string>> = {
  adopt: '--adopt',
  force: '--force',
  rollbackOnFailure: '--rollback-on-failure',
  waitForLock: '--wait-for-lock',
  allowBreakingChanges: '--allow-breaking-changes',
  allowOtherInstances: '--allow-other-instances',
  createNamespace: '--create-namespace',
  namespace: '--namespace <namespace> (-n)',
};

/** A word as a shell reads it: quoted when it holds anything but safe characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./#-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function command(words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}

/** The flags that pick the same cluster again, for typekro and for kubectl (they spell them alike). */
function clusterFlags(context: CliContext): string[] {
  return [...(context.kubeconfig !== undefined ? ['--kubeconfig', context.kubeconfig] : []), ...(context.context !== undefined ? ['--context', context.context] : [])];
}

/**
 * The CLI's terms for remedies, given the failed command's file and cluster flags.
 *
 * @example
 * ```ts
 * import { cliTerms } from './remedies.js';
 * cliTerms({ file: 'app.ts' })({ purpose: 'remove them', action: 'delete-instance', mode: 'direct', name: 'web', namespace: 'dev' }); // => 'typekro delete app.ts --name web --namespace dev'
 * ```
 */
export function cliTerms(context: CliContext): RemedyTerms {
  return (remedy: Remedy) => {
    switch (remedy.action) {
      case 'delete-instance': {
        const file = context.file !== undefined ? shellWord(context.file) : '<file>';
        const exported = context.export !== undefined ? ['--export', context.export] : [];
        const mode = remedy.mode === 'kro' ? ['--mode', 'kro'] : [];
        return `typekro delete ${file} ${command([...exported, '--name', remedy.name, '--namespace', remedy.namespace, ...mode, ...clusterFlags(context)])}`;
      }
      case 'create-namespace':
        return command(['kubectl', 'create', 'namespace', remedy.namespace, ...clusterFlags(context)]);
      case 'option':
        return `pass ${FLAGS[remedy.option]}`;
      case 'spec-value':
        return `pass a valid value for ${remedy.field} (--set ${remedy.field.replace(/^spec\./, '')}=<value>, or in the spec file)`;
      case 'edit-composition':
        return `${remedy.change} in the composition`;
    }
  };
}

/** The error's message with its remedies in CLI terms; the message itself when it carries none. */
export function cliMessage(error: Error, context: CliContext): string {
  const remedied = remediesOf(error);
  return remedied ? renderRemedies(remedied.detail, remedied.remedies, cliTerms(context)) : error.message;
}
