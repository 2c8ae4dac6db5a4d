/** Exhaustiveness guard for `switch` over string unions: a new member fails type-checking here. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
