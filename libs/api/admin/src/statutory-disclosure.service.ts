import type { EntityManager } from '@mikro-orm/postgresql';
import { appendLedgerEntries, type LedgerCaller, type LedgerEntry } from '@provision/audit';
import type { Keyring } from '@provision/crypto';
import { itemValue, nativePool, Subject } from '@provision/db';
import {
  type Actor,
  DomainError,
  InputError,
  ITEM_CATALOG,
  type Label,
  type Person,
  type StatutoryDisclosureDraft,
  validateStatutoryDisclosure,
  type ValidatedStatutoryDisclosure,
} from '@provision/domain';
import type { Clock } from '@provision/util';

/** What the register keeps of a released disclosure (never the values). */
export interface StatutoryDisclosureRecord extends Omit<ValidatedStatutoryDisclosure, 'deferral'> {
  id: string;
  recordedAt: Date;
  authority: string;
  documentNumber: string;
  approvedBy: string;
  approvedByPerson: Person;
  deferral: ValidatedStatutoryDisclosure['deferral'];
}

/** The answer of a release: the record, and per subject the values, once. */
export interface StatutoryRelease {
  record: StatutoryDisclosureRecord;
  subjects: { shopSubjectId: string; values: { item: string; label: Label; value: string }[] }[];
}

/** One authority's request as the admin enters it. */
export interface StatutoryRequest extends StatutoryDisclosureDraft {
  authority: string;
  documentNumber: string;
}

// `on conflict do nothing`: a document already released (or being released by a concurrent request,
// which the unique index makes this one wait for) inserts nothing, and the release is refused.
const INSERT_SQL = `insert into statutory_disclosures (id, recorded_at, authority, statute, purpose, document_number, document_date, subject_ids,
                                   items, approved_by, approved_by_sub, approved_by_name, notify_deferred_until, deferral_reason, request_id)
values (gen_random_uuid(), $1, $2, $3, $4, $5, $6::date, $7::uuid[], $8::text[], $9, $10, $11, $12::date, $13, $14)
on conflict (authority, document_number) do nothing
returning id`;

/**
 * Statutory disclosures (PIPA Art. 18(2)2, 7): an authority's request is recorded in the register,
 * one ledger row per subject is appended to the admin's chain with the article's purpose, and the
 * values are answered — all or nothing: the register row and the ledger rows are one transaction,
 * and the values leave only once it has committed. A document is released once: the same
 * authority's document number again is refused (CONFLICT), so repeating the mutation never hands
 * the values out a second time.
 */
export class StatutoryDisclosureService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
    private readonly actor: Actor,
    /** The request whose ledger rows these are: its token and id. */
    private readonly request: { tokenId: string | null; requestId: string },
  ) {}

  async release(input: StatutoryRequest): Promise<StatutoryRelease> {
    const person = this.actor.person;
    if (person === null) throw new DomainError('FORBIDDEN', 'a statutory disclosure is approved by a person: sign in to the console');
    const now = this.clock.now();
    const checked = validateStatutoryDisclosure(input, now);
    const found = await this.em.find(Subject, { shopSubjectId: { $in: [...checked.shopSubjectIds] } });
    const byShopId = new Map(found.map((subject) => [subject.shopSubjectId, subject]));
    const subjects = checked.shopSubjectIds.map((shopSubjectId) => {
      const subject = byShopId.get(shopSubjectId);
      if (!subject) throw new InputError(`shopSubjectIds[${input.shopSubjectIds.indexOf(shopSubjectId)}]`, 'no subject has this shop id');
      const values = checked.items.flatMap((item) => {
        const value = itemValue(subject, item, this.keyring);
        return value === null ? [] : [{ item, label: ITEM_CATALOG.get(item)?.label ?? { en: item, ko: item }, value }];
      });
      return { subject, shopSubjectId, values };
    });
    const record: Omit<StatutoryDisclosureRecord, 'id'> = {
      ...checked,
      recordedAt: now,
      authority: input.authority,
      documentNumber: input.documentNumber,
      approvedBy: this.actor.clientId,
      approvedByPerson: person,
    };
    const entries: LedgerEntry[] = subjects.map(({ subject, values }) => ({
      purpose: checked.purpose,
      subjectId: subject.id,
      orderId: null,
      itemsReleased: values.map(({ item }) => item).sort(),
      itemsDenied: [],
    }));
    const id = await this.commit(record, subjects.map(({ subject }) => subject.id), entries);
    return { record: { ...record, id }, subjects: subjects.map(({ shopSubjectId, values }) => ({ shopSubjectId, values })) };
  }

  /** The register row and the ledger rows in one transaction; answers the register row's id. */
  private async commit(record: Omit<StatutoryDisclosureRecord, 'id'>, subjectIds: string[], entries: LedgerEntry[]): Promise<string> {
    const client = await (await nativePool(this.em)).connect();
    const caller: LedgerCaller = { actorKind: 'ADMIN', clientId: record.approvedBy, person: record.approvedByPerson, ...this.request };
    try {
      await client.query('begin');
      const { rows } = await client.query<{ id: string }>(INSERT_SQL, [
        record.recordedAt,
        record.authority,
        record.statute,
        record.purpose,
        record.documentNumber,
        record.documentDate,
        subjectIds,
        record.items,
        record.approvedBy,
        record.approvedByPerson.sub,
        record.approvedByPerson.name,
        record.deferral?.until ?? null,
        record.deferral?.reason ?? null,
        this.request.requestId,
      ]);
      const [inserted] = rows;
      if (!inserted) throw new DomainError('CONFLICT', "this authority's document has already been released; it is released once");
      await appendLedgerEntries(client, caller, record.recordedAt, entries);
      await client.query('commit');
      client.release();
      return inserted.id;
    } catch (error) {
      // A connection whose rollback failed is broken: the pool discards it.
      const broken = await client.query('rollback').then(
        () => undefined,
        (failure: unknown) => (failure instanceof Error ? failure : new Error('rollback failed')),
      );
      client.release(broken);
      throw error;
    }
  }
}
