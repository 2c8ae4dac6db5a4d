import { randomBytes } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Keyring } from '@provision/crypto';
import {
  Agreement,
  AgreementGrant,
  agreementPublished,
  Client,
  clientAdded,
  Partner,
  openWebhookSecret,
  partnerRegistered,
  PartnerStatusChange,
  recordAccessChange,
  PREVIOUS_WEBHOOK_SECRET_COLUMN,
  sealWebhookSecret,
  statusChanged,
} from '@provision/db';
import {
  formatRetentionRule,
  InputError,
  piiScope,
  planStatusChange,
  statusAt,
  validateAgreementDraft,
  type Actor,
  type PartnerKind,
  type PartnerStatus,
  type StatusAction,
} from '@provision/domain';
import type { Clock } from '@provision/util';
import type { PublishAgreementInput } from './agreement.input.js';
import type { ChangePartnerStatusInput, RegisterPartnerInput, UpdatePartnerInput } from './partner.input.js';
import { enqueueTerminationNotice, receivedBy } from './termination-notice.js';
import { isUUID } from 'class-validator';

/** Everything the admin API shows about one partner, loaded in a fixed number of queries. */
export interface PartnerRecord {
  partner: Partner;
  history: PartnerStatusChange[];
  agreements: Agreement[];
  /** Every client of the partner, revoked ones included, by client id. */
  clients: Client[];
}

/** A partner after a change that may have made a webhook signing secret, shown this once. */
export interface PartnerWithSecret {
  record: PartnerRecord;
  webhookSecret: string | null;
}

/** The partner columns `updatePartner` replaces, and the input path each one is named by in the permission history. */
const EDITABLE_FIELDS = {
  nameKo: 'nameKo',
  nameEn: 'nameEn',
  privacyContactName: 'privacyContact.name',
  privacyContactEmail: 'privacyContact.email',
  privacyContactPhone: 'privacyContact.phone',
  webhookUrl: 'webhookUrl',
} as const satisfies Partial<Record<keyof Partner, string>>;

/** What a termination would do; see `terminationPreview`. */
export interface TerminationPreview {
  record: PartnerRecord;
  subjectsHeld: number;
  ordersHeld: number;
  reconsigneeCodes: string[];
  webhookConfigured: boolean;
  alreadyTerminated: boolean;
}

export interface PartnerFilter {
  kind?: PartnerKind | null;
  status?: PartnerStatus | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The admin registry: partners, their agreement versions and status changes.
 * Every write runs in one transaction and either applies whole or changes nothing; every refusal
 * is an `InputError` naming the field. Agreement versions are only ever inserted, never updated.
 */
/** The longest overlap a webhook secret rotation may have: one week. */
export const MAX_OVERLAP_HOURS = 168;

export class RegistryService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    /** The admin making the change (client and person), kept with every record it writes. */
    private readonly actor: Actor,
    /** Seals webhook secrets: the secret is shown once, in the answer to `registerPartner`, and stored sealed. */
    private readonly keyring: Keyring,
  ) {}

  async registerPartner(input: RegisterPartnerInput): Promise<PartnerWithSecret> {
    assertWebhookUrl(input.webhookUrl);
    assertConsignedTask(input);
    input.clientIds.forEach((clientId, index) => {
      if (input.clientIds.indexOf(clientId) !== index) {
        throw new InputError(`clientIds[${index}]`, 'client id is listed twice');
      }
    });

    return this.em.transactional(async (em) => {
      const parent = input.parentPartnerId ? await this.loadParent(em, input.parentPartnerId, input.kind) : null;
      if (await em.count(Partner, { code: input.code })) {
        throw new InputError('code', 'a partner with this code is already registered');
      }
      const taken = await em.find(Client, { clientId: { $in: input.clientIds } });
      if (taken.length > 0) {
        const index = input.clientIds.indexOf(taken[0].clientId);
        throw new InputError(`clientIds[${index}]`, 'client id is already registered');
      }

      const now = this.clock.now();
      const webhookSecret = input.webhookUrl ? newWebhookSecret() : null;
      const partner = em.create(Partner, {
        code: input.code,
        nameKo: input.nameKo,
        nameEn: input.nameEn,
        kind: input.kind,
        role: input.role,
        parent,
        consignedTaskKo: input.consignedTaskKo ?? null,
        consignedTaskEn: input.consignedTaskEn ?? null,
        country: input.country,
        overseasTransferBasis: input.overseasTransferBasis ?? null,
        privacyContactName: input.privacyContact.name,
        privacyContactEmail: input.privacyContact.email,
        privacyContactPhone: input.privacyContact.phone ?? null,
        webhookUrl: input.webhookUrl ?? null,
        registeredAt: now,
        registeredBy: this.actor.clientId,
      });
      if (webhookSecret !== null) partner.webhookSecret = sealWebhookSecret(this.keyring, partner.id, webhookSecret);
      const registered = em.create(PartnerStatusChange, {
        partner,
        status: 'ACTIVE',
        reason: 'registered',
        effectiveAt: now,
        recordedAt: now,
        recordedBy: this.actor.clientId,
      });
      recordAccessChange(em, now, this.actor, partnerRegistered(partner, parent?.code ?? null));
      recordAccessChange(em, now, this.actor, statusChanged(registered));
      const clients = input.clientIds.map((clientId) => {
        const client = em.create(Client, {
          clientId,
          kind: 'PARTNER',
          partner,
          allowedScopes: ['partner:read'],
          addedAt: now,
          addedBy: this.actor.clientId,
        });
        recordAccessChange(em, now, this.actor, clientAdded(client));
        return client;
      });
      await em.flush();
      clients.sort((a, b) => a.clientId.localeCompare(b.clientId));
      return { record: { partner, history: [registered], agreements: [], clients }, webhookSecret };
    });
  }

  /**
   * Replaces a partner's names, privacy contact and webhook URL. A first webhook URL comes with a
   * new signing secret (returned this once); removing the URL removes its secret. The permission
   * history names the fields that changed, never their values; the same details again change and
   * record nothing.
   */
  async updatePartner(input: UpdatePartnerInput): Promise<PartnerWithSecret> {
    assertWebhookUrl(input.webhookUrl);
    const webhookSecret = await this.em.transactional(async (em) => {
      const partner = await this.lockPartner(em, input.partnerId);
      const next: Pick<Partner, keyof typeof EDITABLE_FIELDS> = {
        nameKo: input.nameKo,
        nameEn: input.nameEn,
        privacyContactName: input.privacyContact.name,
        privacyContactEmail: input.privacyContact.email,
        privacyContactPhone: input.privacyContact.phone ?? null,
        webhookUrl: input.webhookUrl ?? null,
      };
      const changed = (Object.keys(EDITABLE_FIELDS) as (keyof typeof EDITABLE_FIELDS)[]).filter((column) => partner[column] !== next[column]);
      if (changed.length === 0) return null;
      const secret = next.webhookUrl !== null && partner.webhookUrl === null ? newWebhookSecret() : null;
      Object.assign(partner, next);
      if (secret !== null) partner.webhookSecret = sealWebhookSecret(this.keyring, partner.id, secret);
      if (next.webhookUrl === null) {
        partner.webhookSecret = null;
        partner.webhookSecretPrevious = null;
        partner.webhookSecretPreviousUntil = null;
      }
      recordAccessChange(em, this.clock.now(), this.actor, {
        kind: 'PARTNER_UPDATED',
        partner,
        detail: { changed: changed.map((column) => EDITABLE_FIELDS[column]) },
      });
      await em.flush();
      return secret;
    });
    const [record] = await this.loadRecords({ id: input.partnerId });
    return { record, webhookSecret };
  }

  /** Publishes a version at once (deployments without four-eyes publishing). */
  async publishAgreement(input: PublishAgreementInput): Promise<Agreement> {
    return this.em.transactional(async (em) => this.publishIn(em, input, { publisher: this.actor, approval: null }));
  }

  /**
   * Checks a proposed version against the partner as it stands, as publishing would (grants,
   * retention, basis, quotas, status, version order), without writing anything.
   */
  async checkAgreement(em: EntityManager, partner: Partner, input: PublishAgreementInput): Promise<void> {
    await this.validated(em, partner, input);
  }

  /**
   * Publishes a version in `em`'s transaction: the drafter as publisher and, under four-eyes
   * publishing, the second officer's approval, both on the version and in the permission history.
   */
  async publishIn(
    em: EntityManager,
    input: PublishAgreementInput,
    { publisher, approval }: { publisher: Actor; approval: { by: Actor; at: Date } | null },
  ): Promise<Agreement> {
    const partner = await this.lockPartner(em, input.partnerId);
    const now = this.clock.now();
    const { grants, rule, statute, quota, effectiveFrom, latest } = await this.validated(em, partner, input);
    const agreement = em.create(Agreement, {
      partner,
      version: (latest?.version ?? 0) + 1,
      retentionRule: formatRetentionRule(rule),
      legalBasis: input.legalBasis,
      statute,
      consentRequired: input.consentRequired,
      effectiveFrom,
      ...quota,
      publishedAt: now,
      publishedBy: publisher.clientId,
      publishedBySub: publisher.person?.sub ?? null,
      publishedByName: publisher.person?.name ?? null,
      approvedAt: approval?.at ?? null,
      approvedBy: approval?.by.clientId ?? null,
      approvedBySub: approval?.by.person?.sub ?? null,
      approvedByName: approval?.by.person?.name ?? null,
    });
    for (const grant of grants) {
      em.create(AgreementGrant, { agreement, item: grant.item, purpose: grant.purpose });
    }
    // The one who put the version in force: the approver under four-eyes publishing.
    const actor = approval?.by ?? publisher;
    recordAccessChange(em, now, actor, agreementPublished(agreement, partner, grants));

    // A scope only lets a client ask for an item; the agreement still decides. Clients may ask
    // for every item any version granted, so a future-dated version works the day it starts.
    const clients = await em.find(Client, { partner, revokedAt: null });
    for (const client of clients) {
      const before = client.allowedScopes;
      const after = [...new Set([...before, ...grants.map((grant) => piiScope(grant.item))])].sort();
      if (after.length === before.length) continue;
      client.allowedScopes = after;
      recordAccessChange(em, now, actor, {
        kind: 'CLIENT_SCOPES_CHANGED',
        client,
        detail: { before: [...before], after, reason: `agreement version ${agreement.version} published` },
      });
    }
    await em.flush();
    return agreement;
  }

  private async validated(em: EntityManager, partner: Partner, input: PublishAgreementInput) {
    const now = this.clock.now();
    const effectiveFrom = input.effectiveFrom ?? now;
    const history = await this.historyOf(em, partner);
    const validated = validateAgreementDraft(
      {
        grants: input.grants.map(({ item, purpose }) => ({ item, purpose })),
        retentionRule: input.retentionRule,
        legalBasis: input.legalBasis,
        statute: input.statute ?? null,
        consentRequired: input.consentRequired,
        effectiveFrom,
        quota: {
          dailySubjectCeiling: input.dailySubjectCeiling ?? null,
          rateCapacity: input.rateCapacity ?? null,
          rateRefillPerMinute: input.rateRefillPerMinute ?? null,
        },
      },
      {
        partnerKind: partner.kind,
        partnerStatusAtEffectiveFrom: statusAt(history, effectiveFrom > now ? effectiveFrom : now),
        now,
      },
    );
    const latest = await em.findOne(Agreement, { partner }, { orderBy: { version: 'desc' } });
    if (latest && effectiveFrom < latest.effectiveFrom) {
      throw new InputError('effectiveFrom', `must not precede the effective date of version ${latest.version}`);
    }
    return { ...validated, effectiveFrom, latest };
  }

  /** Records a suspension, resumption or termination; a termination also enqueues `partnership-terminated`. */
  async changeStatus(action: StatusAction, input: ChangePartnerStatusInput): Promise<PartnerRecord> {
    const partnerId = await this.em.transactional(async (em) => {
      const partner = await this.lockPartner(em, input.partnerId);
      const history = await this.historyOf(em, partner);
      const now = this.clock.now();
      const change = planStatusChange(history, action, input.effectiveAt ?? now, now);
      const recorded = em.create(PartnerStatusChange, {
        partner,
        status: change.status,
        reason: input.reason,
        effectiveAt: change.effectiveAt,
        recordedAt: now,
        recordedBy: this.actor.clientId,
      });
      recordAccessChange(em, now, this.actor, statusChanged(recorded));
      // Provision stops at read time; the partner must also be told to destroy what it holds.
      if (change.status === 'TERMINATED') await enqueueTerminationNotice(em, partner, change, input.reason, now);
      await em.flush();
      return partner.id;
    });
    const [record] = await this.loadRecords({ id: partnerId });
    return record;
  }

  async listPartners(filter: PartnerFilter = {}): Promise<PartnerRecord[]> {
    const records = await this.loadRecords(filter.kind ? { kind: filter.kind } : {});
    if (!filter.status) return records;
    const now = this.clock.now();
    return records.filter((record) => statusAt(record.history, now) === filter.status);
  }

  /** The partner's status in force now. */
  statusNow(record: PartnerRecord): PartnerStatus {
    return statusAt(record.history, this.clock.now());
  }

  /**
   * What terminating the partner now would do, from live data: the subjects and orders the ledger
   * shows it received (the destruction notice asks for all of them), re-consignees working under
   * it, and whether the notice can be delivered (a webhook is registered).
   */
  async terminationPreview(id: string): Promise<TerminationPreview | null> {
    const record = await this.findPartner(id);
    if (!record) return null;
    const { partner } = record;
    const [held, reconsignees] = await Promise.all([
      receivedBy(this.em, partner.id),
      this.em.find(Partner, { parent: partner.id }, { orderBy: { code: 'asc' } }),
    ]);
    return {
      record,
      subjectsHeld: held.subjectCount,
      ordersHeld: held.orderCount,
      reconsigneeCodes: reconsignees.map((child) => child.code),
      webhookConfigured: partner.webhookUrl !== null,
      alreadyTerminated: this.statusNow(record) === 'TERMINATED',
    };
  }

  async findPartner(id: string): Promise<PartnerRecord | null> {
    // Not a uuid: no such partner (PostgreSQL would refuse to compare it with a uuid column).
    if (!isUUID(id)) return null;
    const [record] = await this.loadRecords({ id });
    return record ?? null;
  }

  /** Partners with their history, agreements (with grants) and clients: four queries for any page. */
  private async loadRecords(where: { id?: string; kind?: PartnerKind }): Promise<PartnerRecord[]> {
    const partners = await this.em.find(Partner, where, { orderBy: { registeredAt: 'asc', code: 'asc' } });
    if (partners.length === 0) return [];
    const ids = partners.map((partner) => partner.id);
    const [changes, agreements, clients] = await Promise.all([
      this.em.find(PartnerStatusChange, { partner: { $in: ids } }, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } }),
      this.em.find(Agreement, { partner: { $in: ids } }, { populate: ['grants'], orderBy: { version: 'desc' } }),
      this.em.find(Client, { partner: { $in: ids } }, { orderBy: { clientId: 'asc' } }),
    ]);
    const byPartner = <T>(rows: T[], partnerOf: (row: T) => string) => (id: string) =>
      rows.filter((row) => partnerOf(row) === id);
    const historyOf = byPartner(changes, (change) => change.partner.id);
    const agreementsOf = byPartner(agreements, (agreement) => agreement.partner.id);
    const clientsOf = byPartner(clients, (client) => client.partner?.id ?? '');
    return partners.map((partner) => ({
      partner,
      history: historyOf(partner.id),
      agreements: agreementsOf(partner.id),
      clients: clientsOf(partner.id),
    }));
  }

  private async historyOf(em: EntityManager, partner: Partner): Promise<PartnerStatusChange[]> {
    return em.find(PartnerStatusChange, { partner }, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } });
  }

  /**
   * Replaces a partner's webhook secret. The old one keeps signing notices beside the new one for
   * `overlapHours` (two signatures per notice), so the partner switches its verifier at any moment
   * of the window. Returns the new secret, shown only this once; the permission history records the
   * rotation (WEBHOOK_SECRET_ROTATED) with the person, never a secret.
   */
  async rotateWebhookSecret(
    partnerId: string,
    overlapHours: number,
  ): Promise<{ record: PartnerRecord; webhookSecret: string; previousSignsUntil: Date }> {
    if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS) {
      throw new InputError('overlapHours', `must be a whole number of hours from 0 to ${MAX_OVERLAP_HOURS}`);
    }
    const rotated = await this.em.transactional(async (em) => {
      const partner = await this.lockPartner(em, partnerId);
      if (partner.webhookSecret === null) throw new InputError('partnerId', 'the partner has no webhook URL, so no secret to rotate');
      const webhookSecret = newWebhookSecret();
      const previous = openWebhookSecret(this.keyring, partner.id, partner.webhookSecret);
      const previousSignsUntil = new Date(this.clock.now().getTime() + overlapHours * 3_600_000);
      partner.webhookSecretPrevious = sealWebhookSecret(this.keyring, partner.id, previous, PREVIOUS_WEBHOOK_SECRET_COLUMN);
      partner.webhookSecretPreviousUntil = previousSignsUntil;
      partner.webhookSecret = sealWebhookSecret(this.keyring, partner.id, webhookSecret);
      recordAccessChange(em, this.clock.now(), this.actor, { kind: 'WEBHOOK_SECRET_ROTATED', partner, detail: { overlapHours } });
      await em.flush();
      return { webhookSecret, previousSignsUntil };
    });
    const [record] = await this.loadRecords({ id: partnerId });
    return { record, ...rotated };
  }

  /** Serializes concurrent publications and status changes of one partner. */
  async lockPartner(em: EntityManager, id: string): Promise<Partner> {
    if (!isUUID(id)) throw new InputError('partnerId', 'no partner with this id');
    const partner = await em.findOne(Partner, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!partner) throw new InputError('partnerId', 'no partner with this id');
    return partner;
  }

  private async loadParent(em: EntityManager, parentId: string, kind: PartnerKind): Promise<Partner> {
    if (kind !== 'CONSIGNEE') {
      throw new InputError('parentPartnerId', 'only a consignee can work under another partner (re-consignment)');
    }
    const parent = await em.findOne(Partner, { id: parentId });
    if (!parent) throw new InputError('parentPartnerId', 'no partner with this id');
    if (parent.kind !== 'CONSIGNEE') {
      throw new InputError('parentPartnerId', 'the parent of a re-consignee must be a consignee');
    }
    if (statusAt(await this.historyOf(em, parent), this.clock.now()) === 'TERMINATED') {
      throw new InputError('parentPartnerId', 'the parent consignee is terminated');
    }
    return parent;
  }
}

/**
 * A consignee discloses its consigned task in both languages of the policy (PIPA Art. 26(2)); a
 * recipient has none (its purposes say what it does).
 */
function assertConsignedTask(input: RegisterPartnerInput): void {
  const given = { consignedTaskKo: input.consignedTaskKo ?? null, consignedTaskEn: input.consignedTaskEn ?? null };
  for (const [field, value] of Object.entries(given)) {
    if (input.kind === 'CONSIGNEE' && value === null) {
      throw new InputError(field, 'a consignee needs its consigned task in Korean and in English, as disclosed');
    }
    if (input.kind === 'RECIPIENT' && value !== null) {
      throw new InputError(field, 'only a consignee has a consigned task; a recipient is described by its purposes');
    }
  }
}

/** A webhook signing secret: 32 random bytes, base64url. */
function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Notices carry personal data, so they go over TLS; plain HTTP is allowed only to this machine, for development. */
function assertWebhookUrl(url: string | null | undefined): void {
  if (!url) return;
  const { protocol, hostname } = new URL(url);
  if (protocol === 'https:' || (protocol === 'http:' && LOOPBACK_HOSTS.has(hostname))) return;
  throw new InputError('webhookUrl', 'must be an https URL (plain http only to localhost)');
}
