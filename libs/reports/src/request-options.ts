import { InputError, LANGUAGES, type Language } from '@provision/domain';

/** How a report or table can be rendered. */
export const FORMATS = ['html', 'json', 'md', 'csv', 'text'] as const;
/** A rendering of a report or table. */
export type Format = (typeof FORMATS)[number];

function oneOf<const T extends string>(field: string, values: readonly T[], value: unknown, fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw new InputError(field, `must be one of ${values.join(', ')}`);
}

/**
 * The language of a page: `?lang=ko|en`, Korean by default (the policy's language of record).
 * @throws InputError on `lang`
 */
export function languageOf(value: unknown): Language {
  return oneOf('lang', LANGUAGES, value, 'ko');
}

/**
 * The rendering asked for: `?format=` wins; otherwise JSON when the client accepts
 * `application/json` and not HTML, plain text when it accepts `text/plain` and not HTML and the
 * endpoint offers text, else HTML (a browser sends `text/html` first).
 * `allowed` lists what the endpoint offers.
 * @throws InputError on `format`
 */
export function formatOf(query: unknown, accept: string | undefined, allowed: readonly Format[]): Format {
  const explicit = oneOf('format', allowed, query, 'html');
  if (query !== undefined && query !== '') return explicit;
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  if (types.includes('text/html')) return 'html';
  if (types.includes('application/json')) return 'json';
  return allowed.includes('text') && types.includes('text/plain') ? 'text' : 'html';
}
