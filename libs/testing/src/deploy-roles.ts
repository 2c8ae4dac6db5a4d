import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { databaseUrl, runAdminStatements } from '@provision/db';

/** The production roles script; the harness applies this very file, so tests get its grants exactly. */
const ROLES_SQL_PATH = fileURLToPath(new URL('../../../deploy/roles.sql', import.meta.url));

/** The parts of `deploy/roles.sql`, marked by its `-- section:` lines. */
export type RolesSection = 'roles' | 'database' | 'schema';

/** The psql variables `deploy/roles.sql` reads. */
export interface RolesVariables {
  db: string;
  owner_password: string;
  app_password: string;
}

/** Where each section runs: `roles` and `database` on the server's admin database, `schema` inside `db` (after `\connect`). */
interface Section {
  name: RolesSection;
  sql: string;
  connected: boolean;
}

const SECTION_LINE = /^-- section: (\w+)\s*$/;
const CONNECT_LINE = /^\\connect :"db"\s*$/;

function readSections(script: string): Section[] {
  const sections: Section[] = [];
  let connected = false;
  for (const line of script.split('\n')) {
    const section = SECTION_LINE.exec(line);
    if (section) {
      sections.push({ name: section[1] as RolesSection, sql: '', connected });
    } else if (CONNECT_LINE.test(line)) {
      connected = true;
    } else if (line.startsWith('\\')) {
      throw new Error(`deploy/roles.sql: the harness cannot run the psql command "${line}"`);
    } else if (sections.length > 0) {
      sections[sections.length - 1].sql += `${line}\n`;
    }
  }
  const names = sections.map((section) => section.name).join(',');
  if (names !== 'roles,database,schema' || !sections[2].connected || sections[1].connected) {
    throw new Error(`deploy/roles.sql: expected the sections roles, database and (after \\connect) schema; found ${names}`);
  }
  return sections;
}

const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;
const quoteIdentifier = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** psql's `:'name'` (a literal) and `:"name"` (an identifier); no other psql syntax is in the script. */
function substitute(sql: string, variables: RolesVariables): string {
  return sql.replace(/:'(\w+)'|:"(\w+)"/g, (_match, literal: string | undefined, identifier: string | undefined) => {
    const name = (literal ?? identifier) as keyof RolesVariables;
    const value = variables[name];
    if (value === undefined) throw new Error(`deploy/roles.sql uses an unknown variable ${name}`);
    return literal ? quoteLiteral(value) : quoteIdentifier(value);
  });
}

/** "tuple concurrently updated": two runs on one server altering the same role at the same moment. */
const isConcurrentCatalogUpdate = (error: unknown) => /tuple concurrently updated/.test(String((error as Error)?.message));

/**
 * Runs the named sections of `deploy/roles.sql` with `variables`, as psql would: `roles` and
 * `database` through `adminUrl` (a superuser), `schema` connected to database `variables.db`.
 */
export async function applyRolesSql(adminUrl: string, variables: RolesVariables, only: readonly RolesSection[]): Promise<void> {
  for (const section of readSections(readFileSync(ROLES_SQL_PATH, 'utf8'))) {
    if (!only.includes(section.name)) continue;
    const url = section.connected ? databaseUrl(adminUrl, variables.db) : adminUrl;
    const sql = substitute(section.sql, variables);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await runAdminStatements(url, [sql]);
        break;
      } catch (error) {
        if (attempt >= 5 || !isConcurrentCatalogUpdate(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }
}

/** The two roles of `deploy/roles.sql`. */
export type DeployRole = 'provision_owner' | 'provision_app';

/**
 * The password the harness gives `role` on the server of `adminUrl`: derived from the admin
 * credentials, so every test run on one server sets the same one (runs in parallel do not lock
 * each other out) and nothing is written anywhere. On a server with trust authentication it does
 * not matter; on the embedded server it is as secret as the server's own random password.
 */
export function testRolePassword(adminUrl: string, role: DeployRole): string {
  const admin = new URL(adminUrl);
  return createHmac('sha256', `${admin.username}:${decodeURIComponent(admin.password)}@${admin.host}`)
    .update(`provision-test-role:${role}`)
    .digest('base64url');
}

/** `adminUrl`'s server, database `database`, as `role`. */
export function roleUrl(adminUrl: string, role: DeployRole, database: string): string {
  const url = new URL(databaseUrl(adminUrl, database));
  url.username = role;
  url.password = testRolePassword(adminUrl, role);
  return url.toString();
}

/** The variables of `deploy/roles.sql` for database `db` on the server of `adminUrl`. */
export function rolesVariables(adminUrl: string, db: string): RolesVariables {
  return {
    db,
    owner_password: testRolePassword(adminUrl, 'provision_owner'),
    app_password: testRolePassword(adminUrl, 'provision_app'),
  };
}
