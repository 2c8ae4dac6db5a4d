import type { ValidationError } from 'class-validator';

/**
 * Path of the first invalid property inside the argument, descending into nested inputs, written
 * like the domain's `InputError` fields: `grants[0].item`. Every `extensions.field` the API returns
 * is such a path relative to the argument (`input`) that holds it.
 */
export function firstInvalidPath(errors: readonly ValidationError[]): { path: string; message: string } | null {
  const first = errors[0];
  if (!first) return null;
  const message = first.constraints ? Object.values(first.constraints)[0] : undefined;
  if (message !== undefined) return { path: first.property, message };
  const nested = firstInvalidPath(first.children ?? []);
  if (!nested) return { path: first.property, message: `${first.property} is invalid` };
  return { path: joinPath(first.property, nested.path), message: nested.message };
}

/** `joinPath('input', 'code')` → `input.code`; `joinPath('grants', '0')` → `grants[0]`. */
function joinPath(parent: string, child: string): string {
  const index = /^(\d+)(.*)$/.exec(child);
  return index ? `${parent}[${index[1]}]${index[2]}` : `${parent}.${child}`;
}
