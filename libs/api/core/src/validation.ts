import { type ValidationError, type ValidatorOptions, validateOrReject } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

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

const VALIDATOR_OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };
const validatable = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * The schema's argument validation (`buildSchema({ validateFn })`): what type-graphql's own
 * `validate: true` does — class-validator on every input object, missing properties skipped — but
 * with class-validator imported once, where type-graphql imports it dynamically on every argument
 * of every request.
 */
export async function validateArgument(value: unknown): Promise<void> {
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(validatable).map((element) => validateOrReject(element, VALIDATOR_OPTIONS)));
    else if (validatable(value)) await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
}
