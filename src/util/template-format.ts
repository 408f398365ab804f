/**
 * The format of `Cel.template` (run on references, or compiled from source): `%s` is the only placeholder.
 * Other directives (`%d`, `%v`) would be pasted as text, so they are refused with the way out.
 */

/**
 * The literal pieces around each `%s` of `format`, or the problem with `format` for `argumentCount` arguments.
 *
 * @example
 * ```ts
 * templatePieces('%s-%s', 2); // => { pieces: ['', '-', ''] }
 * templatePieces('%s-%d', 2); // => { problem: 'has `%d`, which Cel.template does not support: ...' }
 * ```
 */
export function templatePieces(format: string, argumentCount: number): { pieces: string[] } | { problem: string; hint: string } {
  const directive = /%[a-zA-Z]/.exec(format.replaceAll('%s', ''));
  if (directive) {
    return { problem: `has \`${directive[0]}\`, which Cel.template does not support: its only placeholder is %s (each argument is converted with string())`, hint: `write %s for ${directive[0]}` };
  }
  const pieces = format.split('%s');
  if (pieces.length - 1 !== argumentCount) {
    return { problem: `has ${pieces.length - 1} %s placeholder${pieces.length === 2 ? '' : 's'} but ${argumentCount} argument${argumentCount === 1 ? '' : 's'}`, hint: 'give one argument per %s' };
  }
  return { pieces };
}
