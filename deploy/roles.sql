-- Database roles for a production deployment of Provision Gateway (PostgreSQL 15+).
-- Run once as a superuser, with psql variables for the database name and the passwords:
--   psql -v db=provision -v owner_password=... -v app_password=... -f deploy/roles.sql
--
-- provision_owner  owns the schema; used only by `npm run migrate` (DATABASE_URL of the migrate job).
-- provision_app    what the gateway and the worker connect as: reads and writes rows, cannot change
--                  the schema, cannot create roles or databases, owns nothing.
--
-- Run this before the first migration: the ledger migration (Migration20261122084647_ledger_chain)
-- creates provision_app only where it does not exist yet (NOLOGIN, for development and tests; the
-- owner here may not create roles), then grants it SELECT, INSERT, UPDATE, DELETE on the tables and
-- USAGE on the sequences, but on the append-only tables (provision_records, ledger_purges) only
-- SELECT and INSERT: it revokes UPDATE, DELETE and TRUNCATE there, overriding the default privileges
-- below. Old ledger rows go only through purge_provision_records(), on which provision_app alone has
-- EXECUTE.

CREATE ROLE provision_owner LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE provision_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;

ALTER DATABASE :"db" OWNER TO provision_owner;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO provision_app;

\connect :"db"
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO provision_owner;
GRANT USAGE ON SCHEMA public TO provision_app;

-- Tables and sequences the owner creates from now on (every migration) are usable by the app; a
-- migration that adds an append-only table revokes UPDATE, DELETE and TRUNCATE on it again.
ALTER DEFAULT PRIVILEGES FOR ROLE provision_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO provision_app;
ALTER DEFAULT PRIVILEGES FOR ROLE provision_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO provision_app;
