import { DENIAL_REASONS, DomainError, ERROR_CODES, InputError, NotFoundError } from './errors.js';

describe('domain errors', () => {
  it('InputError is a BAD_USER_INPUT DomainError naming the field', () => {
    const error = new InputError('grants[2].item', 'is not an item of the item catalog');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'InputError',
      code: 'BAD_USER_INPUT',
      field: 'grants[2].item',
      message: 'is not an item of the item catalog',
    });
  });

  it('NotFoundError is a NOT_FOUND DomainError naming the entity', () => {
    expect(new NotFoundError('Partner')).toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND', entity: 'Partner', message: 'Partner not found' });
    expect(new NotFoundError('Order', 'no such order').message).toBe('no such order');
  });

  it('DomainError carries any code of the list', () => {
    expect(new DomainError('CONFLICT', 'version already published')).toMatchObject({ name: 'DomainError', code: 'CONFLICT' });
    expect(ERROR_CODES).toEqual(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED']);
  });
});

describe('DENIAL_REASONS', () => {
  it("lists DESIGN.md's reasons exactly, once each", () => {
    expect(DENIAL_REASONS).toEqual([
      'SCOPE_MISSING',
      'PARTNERSHIP_ENDED',
      'PARTNER_SUSPENDED',
      'ITEM_NOT_GRANTED',
      'PURPOSE_NOT_PERMITTED',
      'CONSENT_MISSING',
      'CONSENT_WITHDRAWN',
      'GUARDIAN_CONSENT_MISSING',
      'WINDOW_CLOSED',
      'PROCESSING_SUSPENDED',
      'UNDER_CORRECTION',
      'OVERSEAS_TRANSFER_NOT_PERMITTED',
      'DAILY_CEILING_REACHED',
    ]);
    expect(new Set(DENIAL_REASONS).size).toBe(DENIAL_REASONS.length);
  });
});
