import { IsEmail, Length, Matches, MaxLength } from 'class-validator';

// Text rules shared by every input of the API. Messages name the field and the rule, never the
// value: values can be personal data, and messages end up in responses and logs.

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}\u2028\u2029]*$/u;

/**
 * Printable ASCII only. Addresses with Cyrillic or Greek look-alikes, zero-width spaces or
 * bidirectional overrides can pass for another address; an internationalized domain is written in
 * punycode (`xn--…`).
 */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

function apply(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** Free text such as a name, an address or a reason: 1–`max` characters, no control characters (line breaks included). */
export function IsPlainText(max: number): PropertyDecorator {
  return apply(
    Length(1, max, { message: `$property must be 1-${max} characters` }),
    Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters or line breaks' }),
  );
}

/** Printable ASCII without spaces, e.g. a URL: no look-alike letters or invisible characters can hide in it. */
export function IsPrintableAscii(): PropertyDecorator {
  return Matches(PRINTABLE_ASCII, { message: '$property must be written in printable ASCII (an internationalized domain in punycode)' });
}

/** An email address of at most 254 printable ASCII characters (a domain in Unicode is written in punycode). */
export function IsEmailAddress(): PropertyDecorator {
  return apply(
    MaxLength(254, { message: '$property must be at most 254 characters' }),
    IsEmail({}, { message: '$property must be an email address' }),
    IsPrintableAscii(),
  );
}
