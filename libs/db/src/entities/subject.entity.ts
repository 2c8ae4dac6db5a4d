import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SEALED_PATTERN, type Sealed } from '@provision/crypto';
import { SUBJECT_KINDS, type SubjectKind } from '@provision/domain';
import { randomUUID } from 'node:crypto';

/**
 * The person personal data is about, as the shop recorded them. Every personal field is nullable:
 * the shop sends what it holds, and an absent value is never released.
 *
 * Unique identifiers (`customsCode`, `ci`, `di`: the catalog's `unique-identifier` items) are stored
 * sealed (`@provision/crypto`, bound to column and row) with a blind index beside each; write and
 * read them through `subject-values.ts`. The CHECK constraints refuse anything but a sealed value,
 * so a plaintext cannot reach these columns even by a bug or a hand-written statement.
 */
@Entity({ tableName: 'subjects' })
@Check({ name: 'subjects_customs_code_sealed', expression: `customs_code ~ '${SEALED_PATTERN}'` })
@Check({ name: 'subjects_ci_sealed', expression: `ci ~ '${SEALED_PATTERN}'` })
@Check({ name: 'subjects_di_sealed', expression: `di ~ '${SEALED_PATTERN}'` })
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

  /** Personal customs clearance code (`P` and 12 digits, checked at the edge), sealed. */
  @Property({ type: 'text', nullable: true })
  customsCode: Sealed | null = null;

  /** Blind index of the customs code (HMAC under the index key). */
  @Index()
  @Property({ type: 'text', nullable: true })
  customsCodeIndex: string | null = null;

  /** Connecting information (88 characters of base64), sealed. */
  @Property({ type: 'text', nullable: true })
  ci: Sealed | null = null;

  /** Blind index of the CI, the identity-verification key. */
  @Index()
  @Property({ type: 'text', nullable: true })
  ciIndex: string | null = null;

  /** Duplicate-joining information (64 characters), sealed. */
  @Property({ type: 'text', nullable: true })
  di: Sealed | null = null;

  /** Blind index of the DI. */
  @Index()
  @Property({ type: 'text', nullable: true })
  diIndex: string | null = null;

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
