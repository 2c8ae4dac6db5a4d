import { Migration } from '@mikro-orm/migrations';

export class Migration20261122060814_initial extends Migration {

  override name = 'Migration20261122060814_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "partners" ("id" uuid not null, "code" text not null, "name" text not null, "kind" text not null, "role" text not null, "parent_id" uuid null, "consigned_task" text null, "country" text not null default 'KR', "overseas_transfer_basis" text null, "privacy_contact_name" text not null, "privacy_contact_email" text not null, "privacy_contact_phone" text null, "webhook_url" text null, "webhook_secret" text null, "registered_at" timestamptz not null, "registered_by" text not null, primary key ("id"));`);
    this.addSql(`alter table "partners" add constraint "partners_code_unique" unique ("code");`);

    this.addSql(`create table "notices" ("id" uuid not null, "partner_id" uuid not null, "type" text not null, "payload" jsonb not null, "created_at" timestamptz not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "delivered_at" timestamptz null, "last_error" text null, "acknowledged_at" timestamptz null, "destroyed_at" timestamptz null, "destruction_method" text null, primary key ("id"));`);
    this.addSql(`create index "notices_partner_id_created_at_index" on "notices" ("partner_id", "created_at");`);
    this.addSql(`create index "notices_status_next_attempt_at_index" on "notices" ("status", "next_attempt_at");`);

    this.addSql(`create table "clients" ("client_id" text not null, "kind" text not null, "partner_id" uuid null, "allowed_scopes" text[] not null, "added_at" timestamptz not null, "revoked_at" timestamptz null, "added_by" text not null, primary key ("client_id"));`);
    this.addSql(`create index "clients_partner_id_index" on "clients" ("partner_id");`);

    this.addSql(`create table "agreements" ("id" uuid not null, "partner_id" uuid not null, "version" int not null, "retention_rule" text not null, "legal_basis" text not null, "consent_required" boolean not null, "effective_from" timestamptz not null, "published_at" timestamptz not null, "published_by" text not null, primary key ("id"));`);
    this.addSql(`alter table "agreements" add constraint "agreements_partner_id_version_unique" unique ("partner_id", "version");`);

    this.addSql(`create table "agreement_grants" ("id" uuid not null, "agreement_id" uuid not null, "item" text not null, "purpose" text not null, primary key ("id"));`);
    this.addSql(`alter table "agreement_grants" add constraint "agreement_grants_agreement_id_item_purpose_unique" unique ("agreement_id", "item", "purpose");`);

    this.addSql(`create table "partner_status_changes" ("id" uuid not null, "partner_id" uuid not null, "status" text not null, "reason" text not null, "effective_at" timestamptz not null, "recorded_at" timestamptz not null, "recorded_by" text not null, primary key ("id"));`);
    this.addSql(`create index "partner_status_changes_partner_id_effective_at_index" on "partner_status_changes" ("partner_id", "effective_at");`);

    this.addSql(`create table "subjects" ("id" uuid not null, "shop_subject_id" text not null, "kind" text not null, "name" text null, "mobile" text null, "phone" text null, "email" text null, "address" text null, "birth_date" date null, "gender" text null, "member_id" text null, "company_name" text null, "customs_code" text null, "ci" text null, "di" text null, "under14" boolean not null default false, "membership_withdrawn_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "subjects" add constraint "subjects_shop_subject_id_unique" unique ("shop_subject_id");`);

    this.addSql(`create table "processing_suspensions" ("id" uuid not null, "subject_id" uuid not null, "partner_id" uuid null, "requested_at" timestamptz not null, "resumed_at" timestamptz null, "reason" text not null, primary key ("id"));`);
    this.addSql(`create index "processing_suspensions_subject_id_index" on "processing_suspensions" ("subject_id");`);

    this.addSql(`create table "orders" ("id" uuid not null, "shop_order_id" text not null, "buyer_id" uuid not null, "receiver_id" uuid not null, "seller_id" uuid not null, "customs_broker_id" uuid null, "status" text not null, "ordered_at" timestamptz not null, "purchase_confirmed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "orders" add constraint "orders_shop_order_id_unique" unique ("shop_order_id");`);
    this.addSql(`create index "orders_purchase_confirmed_at_index" on "orders" ("purchase_confirmed_at");`);
    this.addSql(`create index "orders_receiver_id_index" on "orders" ("receiver_id");`);
    this.addSql(`create index "orders_buyer_id_index" on "orders" ("buyer_id");`);
    this.addSql(`create index "orders_customs_broker_id_index" on "orders" ("customs_broker_id");`);
    this.addSql(`create index "orders_seller_id_ordered_at_index" on "orders" ("seller_id", "ordered_at");`);

    this.addSql(`create table "provision_records" ("id" bigint generated by default as identity not null primary key, "occurred_at" timestamptz not null, "partner_id" uuid not null, "client_id" text not null, "token_id" text null, "purpose" text not null, "subject_id" uuid not null, "order_id" uuid null, "items_released" text[] not null, "items_denied" jsonb not null, "request_id" text not null, "chain_key" text null, "prev_hash" bytea null, "hash" bytea null);`);
    this.addSql(`create index "provision_records_partner_id_occurred_at_index" on "provision_records" ("partner_id", "occurred_at");`);
    this.addSql(`create index "provision_records_subject_id_occurred_at_index" on "provision_records" ("subject_id", "occurred_at");`);

    this.addSql(`create table "order_status_events" ("id" uuid not null, "order_id" uuid not null, "status" text not null, "occurred_at" timestamptz not null, "recorded_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "order_status_events_order_id_occurred_at_index" on "order_status_events" ("order_id", "occurred_at");`);

    this.addSql(`create table "correction_requests" ("id" uuid not null, "subject_id" uuid not null, "items" text[] not null, "requested_at" timestamptz not null, "applied_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "correction_requests_subject_id_index" on "correction_requests" ("subject_id");`);

    this.addSql(`create table "consents" ("id" uuid not null, "shop_consent_id" text not null, "subject_id" uuid not null, "agreement_id" uuid not null, "channel" text not null, "wording_hash" text not null, "given_at" timestamptz not null, "withdrawn_at" timestamptz null, "legal_representative_name" text null, "legal_representative_relation" text null, primary key ("id"));`);
    this.addSql(`alter table "consents" add constraint "consents_shop_consent_id_unique" unique ("shop_consent_id");`);
    this.addSql(`create index "consents_subject_id_agreement_id_index" on "consents" ("subject_id", "agreement_id");`);

    this.addSql(`create table "subscriptions" ("id" uuid not null, "shop_subscription_id" text not null, "subject_id" uuid not null, "partner_id" uuid not null, "purpose" text not null, "started_at" timestamptz not null, "ended_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "subscriptions" add constraint "subscriptions_shop_subscription_id_unique" unique ("shop_subscription_id");`);
    this.addSql(`create index "subscriptions_subject_id_index" on "subscriptions" ("subject_id");`);
    this.addSql(`create index "subscriptions_partner_id_index" on "subscriptions" ("partner_id");`);

    this.addSql(`create table "support_cases" ("id" uuid not null, "shop_case_id" text not null, "subject_id" uuid not null, "partner_id" uuid not null, "order_id" uuid null, "purpose" text not null, "opened_at" timestamptz not null, "closed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "support_cases" add constraint "support_cases_shop_case_id_unique" unique ("shop_case_id");`);
    this.addSql(`create index "support_cases_subject_id_index" on "support_cases" ("subject_id");`);
    this.addSql(`create index "support_cases_partner_id_index" on "support_cases" ("partner_id");`);

    this.addSql(`alter table "partners" add constraint "partners_parent_id_foreign" foreign key ("parent_id") references "partners" ("id") on delete restrict;`);
    this.addSql(`alter table "partners" add constraint "partners_code_check" check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$');`);
    this.addSql(`alter table "partners" add constraint "partners_country_check" check (country ~ '^[A-Z]{2}$');`);
    this.addSql(`alter table "partners" add constraint "partners_kind_check" check ("kind" in ('RECIPIENT', 'CONSIGNEE'));`);
    this.addSql(`alter table "partners" add constraint "partners_role_check" check ("role" in ('SELLER', 'CUSTOMS_BROKER', 'SERVICE_PROVIDER', 'SUPPORT'));`);

    this.addSql(`alter table "notices" add constraint "notices_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);
    this.addSql(`alter table "notices" add constraint "notices_attempts_check" check (attempts >= 0);`);
    this.addSql(`alter table "notices" add constraint "notices_type_check" check ("type" in ('window-closed', 'partnership-terminated', 'consent-withdrawn', 'subject-corrected', 'processing-suspended'));`);
    this.addSql(`alter table "notices" add constraint "notices_status_check" check ("status" in ('PENDING', 'DELIVERED', 'DEAD'));`);

    this.addSql(`alter table "clients" add constraint "clients_partner_id_foreign" foreign key ("partner_id") references "partners" ("id") on delete restrict;`);
    this.addSql(`alter table "clients" add constraint "clients_partner_check" check ((kind = 'PARTNER') = (partner_id is not null));`);
    this.addSql(`alter table "clients" add constraint "clients_kind_check" check ("kind" in ('PARTNER', 'SHOP', 'ADMIN'));`);

    this.addSql(`alter table "agreements" add constraint "agreements_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);
    this.addSql(`alter table "agreements" add constraint "agreements_version_check" check (version >= 1);`);
    this.addSql(`alter table "agreements" add constraint "agreements_legal_basis_check" check ("legal_basis" in ('CONSENT', 'STATUTE', 'CONTRACT'));`);

    this.addSql(`alter table "agreement_grants" add constraint "agreement_grants_agreement_id_foreign" foreign key ("agreement_id") references "agreements" ("id");`);

    this.addSql(`alter table "partner_status_changes" add constraint "partner_status_changes_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);
    this.addSql(`alter table "partner_status_changes" add constraint "partner_status_changes_status_check" check ("status" in ('ACTIVE', 'SUSPENDED', 'TERMINATED'));`);

    this.addSql(`alter table "subjects" add constraint "subjects_customs_code_check" check (customs_code ~ '^P[0-9]{12}$');`);
    this.addSql(`alter table "subjects" add constraint "subjects_kind_check" check ("kind" in ('MEMBER', 'NON_MEMBER', 'RECEIVER'));`);

    this.addSql(`alter table "processing_suspensions" add constraint "processing_suspensions_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id");`);
    this.addSql(`alter table "processing_suspensions" add constraint "processing_suspensions_partner_id_foreign" foreign key ("partner_id") references "partners" ("id") on delete restrict;`);

    this.addSql(`alter table "orders" add constraint "orders_buyer_id_foreign" foreign key ("buyer_id") references "subjects" ("id");`);
    this.addSql(`alter table "orders" add constraint "orders_receiver_id_foreign" foreign key ("receiver_id") references "subjects" ("id");`);
    this.addSql(`alter table "orders" add constraint "orders_seller_id_foreign" foreign key ("seller_id") references "partners" ("id");`);
    this.addSql(`alter table "orders" add constraint "orders_customs_broker_id_foreign" foreign key ("customs_broker_id") references "partners" ("id") on delete restrict;`);
    this.addSql(`alter table "orders" add constraint "orders_status_check" check ("status" in ('PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'PURCHASE_CONFIRMED', 'CANCELLED', 'RETURNED'));`);

    this.addSql(`alter table "provision_records" add constraint "provision_records_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);
    this.addSql(`alter table "provision_records" add constraint "provision_records_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id");`);
    this.addSql(`alter table "provision_records" add constraint "provision_records_order_id_foreign" foreign key ("order_id") references "orders" ("id") on delete restrict;`);

    this.addSql(`alter table "order_status_events" add constraint "order_status_events_order_id_foreign" foreign key ("order_id") references "orders" ("id");`);
    this.addSql(`alter table "order_status_events" add constraint "order_status_events_status_check" check ("status" in ('PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'PURCHASE_CONFIRMED', 'CANCELLED', 'RETURNED'));`);

    this.addSql(`alter table "correction_requests" add constraint "correction_requests_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id");`);

    this.addSql(`alter table "consents" add constraint "consents_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id");`);
    this.addSql(`alter table "consents" add constraint "consents_agreement_id_foreign" foreign key ("agreement_id") references "agreements" ("id");`);
    this.addSql(`alter table "consents" add constraint "consents_wording_hash_check" check (wording_hash ~ '^[0-9a-f]{64}$');`);
    this.addSql(`alter table "consents" add constraint "consents_channel_check" check ("channel" in ('WEB', 'APP', 'PHONE', 'PAPER', 'IN_PERSON'));`);

    this.addSql(`alter table "subscriptions" add constraint "subscriptions_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id");`);
    this.addSql(`alter table "subscriptions" add constraint "subscriptions_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);

    this.addSql(`alter table "support_cases" add constraint "support_cases_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id");`);
    this.addSql(`alter table "support_cases" add constraint "support_cases_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);
    this.addSql(`alter table "support_cases" add constraint "support_cases_order_id_foreign" foreign key ("order_id") references "orders" ("id") on delete restrict;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "partners" drop constraint "partners_parent_id_foreign";`);
    this.addSql(`alter table "notices" drop constraint "notices_partner_id_foreign";`);
    this.addSql(`alter table "clients" drop constraint "clients_partner_id_foreign";`);
    this.addSql(`alter table "agreements" drop constraint "agreements_partner_id_foreign";`);
    this.addSql(`alter table "partner_status_changes" drop constraint "partner_status_changes_partner_id_foreign";`);
    this.addSql(`alter table "processing_suspensions" drop constraint "processing_suspensions_partner_id_foreign";`);
    this.addSql(`alter table "orders" drop constraint "orders_seller_id_foreign";`);
    this.addSql(`alter table "orders" drop constraint "orders_customs_broker_id_foreign";`);
    this.addSql(`alter table "provision_records" drop constraint "provision_records_partner_id_foreign";`);
    this.addSql(`alter table "subscriptions" drop constraint "subscriptions_partner_id_foreign";`);
    this.addSql(`alter table "support_cases" drop constraint "support_cases_partner_id_foreign";`);
    this.addSql(`alter table "agreement_grants" drop constraint "agreement_grants_agreement_id_foreign";`);
    this.addSql(`alter table "consents" drop constraint "consents_agreement_id_foreign";`);
    this.addSql(`alter table "processing_suspensions" drop constraint "processing_suspensions_subject_id_foreign";`);
    this.addSql(`alter table "orders" drop constraint "orders_buyer_id_foreign";`);
    this.addSql(`alter table "orders" drop constraint "orders_receiver_id_foreign";`);
    this.addSql(`alter table "provision_records" drop constraint "provision_records_subject_id_foreign";`);
    this.addSql(`alter table "correction_requests" drop constraint "correction_requests_subject_id_foreign";`);
    this.addSql(`alter table "consents" drop constraint "consents_subject_id_foreign";`);
    this.addSql(`alter table "subscriptions" drop constraint "subscriptions_subject_id_foreign";`);
    this.addSql(`alter table "support_cases" drop constraint "support_cases_subject_id_foreign";`);
    this.addSql(`alter table "provision_records" drop constraint "provision_records_order_id_foreign";`);
    this.addSql(`alter table "order_status_events" drop constraint "order_status_events_order_id_foreign";`);
    this.addSql(`alter table "support_cases" drop constraint "support_cases_order_id_foreign";`);

    this.addSql(`drop table if exists "partners" cascade;`);
    this.addSql(`drop table if exists "notices" cascade;`);
    this.addSql(`drop table if exists "clients" cascade;`);
    this.addSql(`drop table if exists "agreements" cascade;`);
    this.addSql(`drop table if exists "agreement_grants" cascade;`);
    this.addSql(`drop table if exists "partner_status_changes" cascade;`);
    this.addSql(`drop table if exists "subjects" cascade;`);
    this.addSql(`drop table if exists "processing_suspensions" cascade;`);
    this.addSql(`drop table if exists "orders" cascade;`);
    this.addSql(`drop table if exists "provision_records" cascade;`);
    this.addSql(`drop table if exists "order_status_events" cascade;`);
    this.addSql(`drop table if exists "correction_requests" cascade;`);
    this.addSql(`drop table if exists "consents" cascade;`);
    this.addSql(`drop table if exists "subscriptions" cascade;`);
    this.addSql(`drop table if exists "support_cases" cascade;`);
  }

}
