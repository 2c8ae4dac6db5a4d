import { IsEmail, Length, Matches, MaxLength } from 'class-validator';

// Text rules shared by every input of the API. Messages name the field and the rule, never the
// value: values can be personal data, and messages end up in responses and logs.

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}\u2028\u2029]*$/u;

/**
 * Something visible: at least one character that is neither white space (the ideographic space
 * U+3000 included) nor default-ignorable (zero-width space and joiners, the Hangul fillers U+3164
 * and U+FFA0, soft hyphen, variation selectors): `"   "` or a lone U+200B is not a name.
 */
const NOT_BLANK = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

/**
 * No lone UTF-16 surrogate: one cannot be written in UTF-8, and the database driver would silently
 * store U+FFFD in its place (in `u` mode a lone surrogate is a code point of category Cs).
 */
const NO_LONE_SURROGATE = /^\P{Cs}*$/u;

/**
 * Printable ASCII only. Addresses with Cyrillic or Greek look-alikes, zero-width spaces or
 * bidirectional overrides can pass for another address; an internationalized domain is written in
 * punycode (`xn--…`).
 */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

function apply(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/**
 * Free text such as a name, an address or a reason: 1–`max` characters, no control characters (line
 * breaks included), not blank (white space or invisible characters only), well-formed Unicode.
 */
export function IsPlainText(max: number): PropertyDecorator {
  return apply(
    Length(1, max, { message: `$property must be 1-${max} characters` }),
    Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters or line breaks' }),
    Matches(NOT_BLANK, { message: '$property must not be blank (white space or invisible characters only)' }),
    Matches(NO_LONE_SURROGATE, { message: '$property must be well-formed Unicode (no lone surrogate)' }),
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
