/**
 * The format of `Cel.template` (run on references, or compiled from source): `%s` is the only placeholder and
 * `%%` is one `%`, as in Node's `util.format`, Go's `fmt` and CEL's own `format` (a `%` before anything else
 * stays as it is). Other directives (`%d`, `%v`) would be pasted as text, so they are refused with the way out.
 */

/**
 * The literal pieces around each `%s` of `format`, or the problem with `format` for `argumentCount` arguments.
 *
 * @example
 * ```ts
 * templatePieces('%s-%s', 2); // => { pieces: ['', '-', ''] }
 * templatePieces('%s%% done', 1); // => { pieces: ['', '% done'] }
 * templatePieces('%s-%d', 2); // => { problem: 'has `%d`, which Cel.template does not support: ...' }
 * ```
 */
export function templatePieces(format: string, argumentCount: number): { pieces: string[] } | { problem: string; hint: string } {
  const pieces: string[] = [''];
  for (const [token] of format.matchAll(/%%|%[a-zA-Z]|[^%]+|%/g)) {
    if (token === '%s') pieces.push('');
    else if (/^%[a-zA-Z]$/.test(token)) {
      return { problem: `has \`${token}\`, which Cel.template does not support: its only placeholder is %s (each argument is converted with string())`, hint: `write %s for ${token}, or %%${token.slice(1)} for the text ${token}` };
    } else pieces[pieces.length - 1] += token === '%%' ? '%' : token;
  }
  if (pieces.length - 1 !== argumentCount) {
    return { problem: `has ${pieces.length - 1} %s placeholder${pieces.length === 2 ? '' : 's'} but ${argumentCount} argument${argumentCount === 1 ? '' : 's'}`, hint: 'give one argument per %s (%%s is the text %s)' };
  }
  return { pieces };
}
