/**
 * The static type of a function call whose arguments are `dyn`, as cel-go gives it.
 *
 * cel-js 8.0.0 types a global call (`f(x)`, and `x.f(y)` over a typed receiver) by the *first* overload that
 * accepts the argument types, and a `dyn` argument is accepted by every overload. So `kroNeg(dyn)` (our `-x`)
 * was typed `int` although `-x` of a double is a double; the wrong static type then chose overloads for the
 * operators around it: `int(-d)` became the identity on -2.5 (`int(int)` bound at check time, silently
 * wrong), `-d + 1.0` "no such overload: int + double", `[-d].exists(y, y < 0.0)` "not of type int". cel-go
 * types such a call by every overload that can match: one common result type, or `dyn` when they differ.
 *
 * This wraps cel-js's own check: its overload choice for evaluation stays (a call with a `dyn` argument is
 * dispatched on the runtime types anyway); only the returned static type is corrected. The fix belongs in
 * cel-js (8.0.0 is the newest release); see README.md.
 */

/** What we read of a cel-js type (cel-js 8.0.0 `TypeDeclaration`). */
interface CelType {
  readonly kind: string;
  readonly hasDynType: boolean;
  readonly hasPlaceholderType: boolean;
  matches(other: CelType): boolean;
  unify(registry: unknown, other: CelType): CelType | null;
}

/** What we read of a cel-js function declaration. */
interface Declaration {
  readonly hasPlaceholderType: boolean;
  readonly receiverType: CelType | null;
  readonly returnType: CelType;
  matchesArgs(argTypes: readonly CelType[]): unknown;
}

/** The checker and call node as cel-js 8.0.0 passes them to a node's `check`. */
interface Checker {
  readonly registry: unknown;
  readonly dynType: CelType;
}
interface CallNode {
  readonly op: string;
  readonly args: readonly unknown[];
  readonly candidates?: Iterable<Declaration>;
  readonly argTypes?: readonly CelType[];
}

export type CheckFn = (chk: Checker, ast: CallNode, ctx: unknown) => CelType;

/** `base` (cel-js's call check) with the result type of a call over `dyn` arguments taken from every overload. */
export function dynAwareCallCheck(base: CheckFn): CheckFn {
  return (chk, ast, ctx) => {
    const type = base(chk, ast, ctx);
    const argTypes = ast.argTypes;
    if (!ast.candidates || !argTypes?.some((t) => t.hasDynType)) return type;
    const receiver = ast.op === 'rcall' ? (ast.args[1] as { checkedType?: CelType }).checkedType : undefined;
    // A dyn receiver already gets the union of every overload from cel-js.
    if (receiver?.kind === 'dyn') return type;
    let unified: CelType | undefined;
    for (const decl of ast.candidates) {
      // Templated overloads (list<T>, ...) are matched by bindings cel-js keeps private; their first match
      // stays as cel-js typed it. None of the numeric functions that differ by result type is templated.
      if (decl.hasPlaceholderType) return type;
      if (receiver && decl.receiverType && !receiver.matches(decl.receiverType)) continue;
      if (!decl.matchesArgs(argTypes)) continue;
      unified = unified ? (unified.unify(chk.registry, decl.returnType) ?? chk.dynType) : decl.returnType;
    }
    return unified ?? type;
  };
}
