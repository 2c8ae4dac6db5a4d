import { AuthError } from './auth.errors.js';
import { resolvePrincipal, type RegisteredClient } from './principal.js';
import { type AccessTokenClaims } from './token-verifier.js';

const claims: AccessTokenClaims = {
  clientId: 'seller-hanbok-house',
  scopes: ['partner:read', 'pii:receiver.name', 'admin:write'],
  tokenId: 'jti-1',
  expiresAt: new Date('2026-03-01T12:05:00Z'),
  person: null,
};

const seller: RegisteredClient = {
  clientId: 'seller-hanbok-house',
  kind: 'PARTNER',
  partnerId: 'partner-1',
  allowedScopes: ['partner:read', 'pii:receiver.name', 'pii:receiver.phone'],
  revokedAt: null,
  partnerStatus: 'ACTIVE',
};

describe('resolvePrincipal', () => {
  it('keeps only the token scopes the registration allows', () => {
    const principal = resolvePrincipal(claims, seller);
    expect([...principal.scopes].sort()).toEqual(['partner:read', 'pii:receiver.name']);
    expect(principal).toMatchObject({ clientId: 'seller-hanbok-house', kind: 'PARTNER', partnerId: 'partner-1', tokenId: 'jti-1' });
  });

  it('refuses an unknown client', () => {
    expect(() => resolvePrincipal(claims, null)).toThrow(AuthError);
  });

  it('refuses a revoked client', () => {
    expect(() => resolvePrincipal(claims, { ...seller, revokedAt: new Date('2026-02-01T00:00:00Z') })).toThrow(AuthError);
  });

  it('refuses a client of a suspended or terminated partner', () => {
    expect(() => resolvePrincipal(claims, { ...seller, partnerStatus: 'SUSPENDED' })).toThrow(AuthError);
    expect(() => resolvePrincipal(claims, { ...seller, partnerStatus: 'TERMINATED' })).toThrow(AuthError);
  });

  it('refuses a registration that belongs to another client id', () => {
    expect(() => resolvePrincipal(claims, { ...seller, clientId: 'seller-seoul-sneakers' })).toThrow(AuthError);
  });

  it('gives an admin client no partner', () => {
    const admin = resolvePrincipal(
      { ...claims, clientId: 'privacy-admin', scopes: ['admin:read', 'admin:write'] },
      { clientId: 'privacy-admin', kind: 'ADMIN', partnerId: null, allowedScopes: ['admin:read', 'admin:write'], revokedAt: null, partnerStatus: null },
    );
    expect(admin.partnerId).toBeNull();
    expect(admin.scopes.has('admin:write')).toBe(true);
  });
});
