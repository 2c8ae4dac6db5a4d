import type { Keyring, Sealed } from '@provision/crypto';

/** The encrypted column of a partner's webhook secret. */
export const WEBHOOK_SECRET_COLUMN = 'partners.webhook_secret';

/** The encrypted column of a notice's personal values (a correction's new values). */
export const NOTICE_PAYLOAD_COLUMN = 'notices.sealed_payload';

/** Seals a partner's webhook secret for its row (`partners.webhook_secret`). */
export function sealWebhookSecret(keyring: Keyring, partnerId: string, secret: string): Sealed {
  return keyring.seal(secret, { column: WEBHOOK_SECRET_COLUMN, rowId: partnerId });
}

/** The webhook secret of a partner, to sign a notice with; throws `DecryptionError` when it does not open. */
export function openWebhookSecret(keyring: Keyring, partnerId: string, sealed: string): string {
  return keyring.open(sealed, { column: WEBHOOK_SECRET_COLUMN, rowId: partnerId });
}
