import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SUBJECT_KINDS, type SubjectKind } from '@provision/domain';
import { randomUUID } from 'node:crypto';

/**
 * The person personal data is about, as the shop recorded them. Every personal field is nullable:
 * the shop sends what it holds, and an absent value is never released.
 */
@Entity({ tableName: 'subjects' })
@Check({ name: 'subjects_customs_code_check', expression: "customs_code ~ '^P[0-9]{12}$'" })
export class Subject {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The shop's own id for this person; the shop API addresses subjects by it. */
  @Property({ type: 'text', unique: true })
  shopSubjectId!: string;

  @Enum({ items: [...SUBJECT_KINDS], type: 'text' })
  kind!: SubjectKind;

  @Property({ type: 'text', nullable: true })
  name: string | null = null;

  @Property({ type: 'text', nullable: true })
  mobile: string | null = null;

  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @Property({ type: 'text', nullable: true })
  address: string | null = null;

  /** `YYYY-MM-DD`. */
  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  gender: string | null = null;

  @Property({ type: 'text', nullable: true })
  memberId: string | null = null;

  @Property({ type: 'text', nullable: true })
  companyName: string | null = null;

  /** Personal customs clearance code: `P` and 12 digits. */
  @Property({ type: 'text', nullable: true })
  customsCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  ci: string | null = null;

  @Property({ type: 'text', nullable: true })
  di: string | null = null;

  /** Consents of under-14s need a legal representative (Art. 22-2). */
  @Property({ type: 'boolean', default: false })
  under14: Opt<boolean> = false;

  /** Closes every provision window of a member (set when the membership ends). */
  @Property({ type: 'timestamptz', nullable: true })
  membershipWithdrawnAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
