import { Length, Matches, registerDecorator, type ValidationOptions } from 'class-validator';

// Format rules shared by the shop inputs. Every message names the field and the rule, never the
// value: the values are personal data and messages end up in responses and logs.

/** The shop's own ids: no spaces or control characters, so they are safe in logs, URLs and SQL. */
const SHOP_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Partner codes, as the registry stores them. */
const PARTNER_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Phone numbers as Korean shops write them (`010-1234-5678`, `02-123-4567`), optionally international. */
const PHONE = /^\+?[0-9]+(?:-[0-9]+)*$/;

/** Opaque identifiers (CI, DI, member ids): printable ASCII without spaces. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function apply(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** An id the shop gave its record (subject, order, consent, …): 1–128 letters, digits, `.`, `_`, `:` or `-`. */
export function IsShopId(): PropertyDecorator {
  return Matches(SHOP_ID, { message: '$property must be 1-128 letters, digits, dots, underscores, colons or dashes' });
}

/** A partner code of the registry (`hanbok-house`); with `{ each: true }`, every element of a list. */
export function IsPartnerCode(options: Pick<ValidationOptions, 'each'> = {}): PropertyDecorator {
  return apply(
    Length(1, 64, { ...options, message: '$property must be a partner code of at most 64 characters' }),
    Matches(PARTNER_CODE, { ...options, message: '$property must be a partner code (lowercase letters, digits, dashes)' }),
  );
}

/** A telephone number: digits and dashes, an optional leading `+`, 7–20 characters. */
export function IsPhoneNumber(): PropertyDecorator {
  return apply(
    Length(7, 20, { message: '$property must be 7-20 characters' }),
    Matches(PHONE, { message: '$property must be digits separated by dashes, optionally starting with +' }),
  );
}

/** An opaque identifier: 1–`max` printable ASCII characters without spaces. */
export function IsOpaqueId(max: number): PropertyDecorator {
  return apply(
    Length(1, max, { message: `$property must be 1-${max} characters` }),
    Matches(PRINTABLE_ASCII, { message: '$property must be printable ASCII without spaces' }),
  );
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (rejects `1990-02-30`). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `YYYY-MM-DD` and a date that exists. */
export function IsCalendarDate(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a date written YYYY-MM-DD', ...options },
      validator: { validate: isCalendarDate },
    });
}
