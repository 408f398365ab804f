/**
 * `.helmignore` rules, as `helm package` applies them (helm's pkg/ignore): one pattern a line, `#` comments,
 * `!` negation, a trailing `/` for directories only, patterns with a `/` matched against the path relative to
 * the chart root and others against the base name, shell globs (`*`, `?`, `[...]`) as Go's filepath.Match.
 * `templates/.?*` is always ignored.
 */
import { TypeKroError } from '../../util/errors.js';
interface Rule {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly whole: boolean; // match the whole relative path (the pattern has a '/'), else the base name
  readonly regex: RegExp;
}

/** A parsed `.helmignore`: `ignores(path, isDir)` with a posix path relative to the chart root. */
export interface HelmIgnore {
  ignores(path: string, isDir: boolean): boolean;
}

/** Parses `.helmignore` content (empty when the chart has none); `source` names the file in errors. */
export function parseHelmIgnore(content: string, source: string): HelmIgnore {
  const rules: Rule[] = [];
  const lines = ['templates/.?*', ...content.split(/\r?\n/)];
  lines.forEach((raw, index) => {
    let pattern = raw.trim();
    if (pattern === '' || pattern.startsWith('#')) return;
    if (pattern.includes('**')) throw new TypeKroError('ENVIRONMENT', `${source}:${index}: double-star (**) patterns are not supported by Helm`);
    const negate = pattern.startsWith('!');
    if (negate) pattern = pattern.slice(1);
    const dirOnly = pattern.endsWith('/');
    if (dirOnly) pattern = pattern.slice(0, -1);
    pattern = pattern.replace(/^\//, '');
    if (pattern === '') return;
    rules.push({ negate, dirOnly, whole: pattern.includes('/'), regex: globToRegex(pattern, `${source}:${index}`) });
  });
  return {
    ignores(path, isDir) {
      const base = path.slice(path.lastIndexOf('/') + 1);
      for (const rule of rules) {
        const matches = rule.regex.test(rule.whole ? path : base);
        // helm's quirk, kept for fidelity: a negated rule ignores everything it does not match
        if (rule.negate) {
          if ((rule.dirOnly && !isDir) || !matches) return true;
          continue;
        }
        if (rule.dirOnly && !isDir) continue;
        if (matches) return true;
      }
      return false;
    },
  };
}

/** Go filepath.Match syntax on '/'-separated paths: `*` and `?` never cross a '/'. */
function globToRegex(glob: string, where: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob.charAt(++i));
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) throw new TypeKroError('ENVIRONMENT', `${where}: unterminated character class in ${JSON.stringify(glob)}`);
      let body = glob.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^/' : ''}${body.replace(/[\]\\]/g, '\\$&')}]`;
      i = end;
    } else out += escapeRegex(c);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
