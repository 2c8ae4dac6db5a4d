-- Database roles for a production deployment of Provision Gateway (PostgreSQL 15+).
-- Run as a superuser, on an existing database, with psql variables for its name and the passwords:
--   createdb provision
--   psql -v ON_ERROR_STOP=1 -v db=provision -v owner_password=... -v app_password=... -f deploy/roles.sql
-- Running it again is harmless: roles are created when missing and their attributes and passwords
-- set again (so it also rotates the passwords), grants and ownership converge to the same state.
--
-- provision_owner  owns the schema; used only by `npm run migrate` (DATABASE_URL of the migrate job).
-- provision_app    what the gateway and the worker connect as: reads and writes rows, cannot change
--                  the schema, cannot create roles, databases, schemas or temporary tables, owns nothing.
--
-- Run this before the first migration: the ledger migration (Migration20261122084647_ledger_chain)
-- creates provision_app only where it does not exist yet (NOLOGIN, for development), then grants it
-- SELECT, INSERT, UPDATE, DELETE on the tables and USAGE on the sequences, but on the append-only
-- tables (provision_records, ledger_purges) only SELECT and INSERT: it revokes UPDATE, DELETE and
-- TRUNCATE there, overriding the default privileges below (as the migrations of the append-only
-- statutory_disclosures and annual_provision_notices do for those tables). Old ledger rows go only through
-- purge_provision_records(), on which provision_app alone has EXECUTE; on provision_first_releases, which
-- only that function writes, provision_app has only SELECT (Migration20261207061348_provision_first_releases
-- revokes the rest). The job queue's schema
-- (pgboss) is created by a migration too, with the same grants to provision_app.
--
-- The `-- section:` lines mark what the test harness (libs/testing) applies where: `roles` once per
-- server, `database` to every test database, `schema` inside it. Tests run as provision_app with
-- exactly these grants.

-- section: roles
DO $$ BEGIN
  CREATE ROLE provision_owner;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
  CREATE ROLE provision_app;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
ALTER ROLE provision_owner LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
ALTER ROLE provision_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;

-- section: database
ALTER DATABASE :"db" OWNER TO provision_owner;
-- PUBLIC loses CONNECT and TEMPORARY: provision_app may connect, and may not create temporary tables.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO provision_app;

\connect :"db"
-- section: schema
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO provision_owner;
GRANT USAGE ON SCHEMA public TO provision_app;

-- Tables and sequences the owner creates from now on (every migration) are usable by the app; a
-- migration that adds an append-only table revokes UPDATE, DELETE and TRUNCATE on it again.
ALTER DEFAULT PRIVILEGES FOR ROLE provision_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO provision_app;
ALTER DEFAULT PRIVILEGES FOR ROLE provision_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO provision_app;
