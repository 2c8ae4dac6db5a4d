import { InputError } from '@provision/domain';
import { parseAsOf } from './disclosure.js';
import { formatOf, languageOf } from './request-options.js';

const NOW = new Date('2026-03-01T03:00:00Z');

describe('parseAsOf', () => {
  it('reads a calendar day as the end of that day in Seoul', () => {
    expect(parseAsOf('2026-02-28', NOW).toISOString()).toBe('2026-02-28T14:59:59.999Z');
  });

  it('reads an ISO timestamp with an offset as that instant, and nothing as now', () => {
    expect(parseAsOf('2026-02-28T09:30:00+09:00', NOW).toISOString()).toBe('2026-02-28T00:30:00.000Z');
    expect(parseAsOf('2026-02-28T00:30:00.5Z', NOW).toISOString()).toBe('2026-02-28T00:30:00.500Z');
    expect(parseAsOf(undefined, NOW)).toBe(NOW);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-02-28T09:30:00', 'yesterday', '2026-2-1'])('refuses %p on asOf', (value) => {
    expect(() => parseAsOf(value, NOW)).toThrow(InputError);
    try {
      parseAsOf(value, NOW);
    } catch (error) {
      expect((error as InputError).field).toBe('asOf');
    }
  });
});

describe('languageOf and formatOf', () => {
  it('defaults to Korean and refuses other languages', () => {
    expect(languageOf(undefined)).toBe('ko');
    expect(languageOf('en')).toBe('en');
    expect(() => languageOf('fr')).toThrow('must be one of en, ko');
    expect(() => languageOf(['en', 'ko'])).toThrow(InputError);
  });

  it('lets ?format win, then prefers HTML unless the client asks for JSON only', () => {
    expect(formatOf('md', 'application/json', ['html', 'json', 'md'])).toBe('md');
    expect(formatOf(undefined, 'application/json', ['html', 'json'])).toBe('json');
    expect(formatOf(undefined, 'text/html,application/xhtml+xml,application/json;q=0.9', ['html', 'json'])).toBe('html');
    expect(formatOf(undefined, undefined, ['html', 'json'])).toBe('html');
    expect(formatOf(undefined, 'text/plain', ['json', 'text'])).toBe('text');
    expect(formatOf(undefined, 'text/plain', ['html', 'json'])).toBe('html');
    expect(() => formatOf('md', undefined, ['html', 'json'])).toThrow('must be one of html, json');
  });
});
