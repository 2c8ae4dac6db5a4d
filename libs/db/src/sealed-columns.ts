import type { Keyring, Sealed } from '@provision/crypto';

/** The encrypted column of a partner's webhook secret. */
export const WEBHOOK_SECRET_COLUMN = 'partners.webhook_secret';

/** The encrypted column of a rotated-out webhook secret, still signing until its overlap ends. */
export const PREVIOUS_WEBHOOK_SECRET_COLUMN = 'partners.webhook_secret_previous';

/** The encrypted column of a notice's personal values (a correction's new values). */
export const NOTICE_PAYLOAD_COLUMN = 'notices.sealed_payload';

type WebhookSecretColumn = typeof WEBHOOK_SECRET_COLUMN | typeof PREVIOUS_WEBHOOK_SECRET_COLUMN;

/** Seals a partner's webhook secret for its row (`partners.webhook_secret`, or the previous one's column). */
export function sealWebhookSecret(keyring: Keyring, partnerId: string, secret: string, column: WebhookSecretColumn = WEBHOOK_SECRET_COLUMN): Sealed {
  return keyring.seal(secret, { column, rowId: partnerId });
}

/** A webhook secret of a partner, to sign a notice with; throws `DecryptionError` when it does not open. */
export function openWebhookSecret(keyring: Keyring, partnerId: string, sealed: string, column: WebhookSecretColumn = WEBHOOK_SECRET_COLUMN): string {
  return keyring.open(sealed, { column, rowId: partnerId });
}
