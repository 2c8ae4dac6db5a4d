import type { Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { CONSENT_CHANNELS, type ConsentChannel } from '@provision/domain';
import { randomUUID } from 'node:crypto';
import { Agreement } from './agreement.entity.js';
import { Subject } from './subject.entity.js';

/**
 * One subject's consent to one agreement version. It covers only what that version grants; a
 * withdrawal sets `withdrawnAt` and the row stays as evidence.
 */
@Entity({ tableName: 'consents' })
@Index({ properties: ['subject', 'agreement'] })
@Check({ name: 'consents_wording_hash_check', expression: "wording_hash ~ '^[0-9a-f]{64}$'" })
export class Consent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The shop's own id for this consent record; makes recording it idempotent. */
  @Property({ type: 'text', unique: true })
  shopConsentId!: string;

  @ManyToOne(() => Subject, { ref: true })
  subject!: Ref<Subject>;

  @ManyToOne(() => Agreement, { ref: true })
  agreement!: Ref<Agreement>;

  @Enum({ items: [...CONSENT_CHANNELS], type: 'text' })
  channel!: ConsentChannel;

  /** SHA-256 (hex) of the consent wording the subject was shown. */
  @Property({ type: 'text' })
  wordingHash!: string;

  @Property({ type: 'timestamptz' })
  givenAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;

  /** For a subject under 14, who consented on their behalf (Art. 22-2). */
  @Property({ type: 'text', nullable: true })
  legalRepresentativeName: string | null = null;

  @Property({ type: 'text', nullable: true })
  legalRepresentativeRelation: string | null = null;
}
