import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getDirective } from '@graphql-tools/utils';
import { getNamedType, type GraphQLNamedType, isObjectType, parse, validate } from 'graphql';
import { PURPOSE_FREE_QUERIES } from '@provision/api-partner';
import { DENIAL_REASONS } from '@provision/domain';
import { loadOperation, OPERATIONS_DIR, operationNames } from './operations.harness.js';
import { buildPartnerSchema, PARTNER_SCHEMA_FILE } from './schema-file.js';

const run = promisify(execFile);
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CODEGEN_BIN = join(REPOSITORY_ROOT, 'node_modules/.bin/graphql-codegen');

// What a partner engineer does with schema/partner.graphql alone: validate the example operations,
// generate typed documents with GraphQL Code Generator, and read what each personal field means.
describe('schema/partner.graphql, the partner contract', () => {
  const partnerOperations = operationNames().filter((name) => name.startsWith('partner/'));

  it('holds only what a partner token can call', async () => {
    const schema = await buildPartnerSchema();
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).sort()).toEqual([
      'myProvisionScope',
      'order',
      'orders',
      'subscribers',
      'supportCases',
    ]);
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(['confirmDestruction']);
    expect(schema.getType('Partner')).toBeUndefined();
  });

  it.each(partnerOperations)('%s is valid against it', async (name) => {
    const errors = validate(await buildPartnerSchema(), parse(loadOperation(name)));
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it('describes every @personal field by its item and its PROVISION_DENIED null', async () => {
    const schema = await buildPartnerSchema();
    const personal = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ field, tag: getDirective(schema, field, 'personal')?.[0] })))
      .filter(({ tag }) => tag !== undefined);
    expect(personal.length).toBeGreaterThan(10);
    for (const { field, tag } of personal) {
      expect(field.description).toContain(`item \`${String(tag?.item)}\``);
      expect(field.description).toContain('PROVISION_DENIED');
    }
  });

  it('reaches no @personal field from the queries that need no purpose', async () => {
    const schema = await buildPartnerSchema();
    const seen = new Set<string>();
    const personal: string[] = [];
    const visit = (type: GraphQLNamedType) => {
      if (seen.has(type.name) || !isObjectType(type)) return;
      seen.add(type.name);
      for (const field of Object.values(type.getFields())) {
        if (getDirective(schema, field, 'personal') !== undefined) personal.push(`${type.name}.${field.name}`);
        visit(getNamedType(field.type));
      }
    };
    for (const name of PURPOSE_FREE_QUERIES) {
      const field = schema.getQueryType()?.getFields()[name];
      expect(field).toBeDefined();
      if (field) visit(getNamedType(field.type));
    }
    expect(personal).toEqual([]);
  });

  it('is accepted by GraphQL Code Generator with the partner operations, which then type purposes and denial reasons', async () => {
    // The CLI, as a partner runs it (its presets load as ES modules, which Jest's VM cannot).
    const dir = await mkdtemp(join(tmpdir(), 'partner-codegen-'));
    try {
      const config = {
        schema: PARTNER_SCHEMA_FILE,
        documents: [join(OPERATIONS_DIR, 'partner/*.graphql')],
        ignoreNoDocuments: false,
        generates: {
          // Typed operations, with the scalar mapping docs/partners.md recommends.
          [`${dir}/gql/`]: { preset: 'client', config: { enumsAsTypes: true, scalars: { PurposeCode: 'string', DateTimeISO: 'string' } } },
          // The schema's own types, which carry its descriptions into editor hovers.
          [`${dir}/schema-types.ts`]: { plugins: ['typescript'] },
        },
      };
      await writeFile(join(dir, 'codegen.json'), JSON.stringify(config));
      await run(process.execPath, [CODEGEN_BIN, '--config', join(dir, 'codegen.json'), '--silent'], { cwd: REPOSITORY_ROOT });
      const operations = await readFile(join(dir, 'gql/graphql.ts'), 'utf8');
      expect(operations).toContain('denialReasons: Array<DenialReason>');
      expect(operations).toContain('grants: Array<{ item: string, purpose: string, scopeGranted: boolean }>');
      const types = await readFile(join(dir, 'schema-types.ts'), 'utf8');
      for (const reason of DENIAL_REASONS) expect(types).toContain(`= '${reason}'`);
      expect(types).toMatch(/\/\*\* A key of the purpose catalog.*`order\.delivery` \(delivery of ordered goods/);
      expect(types).toMatch(/\/\*\* Personal data: receiver's name \(수령인 성명\), item `receiver\.name`.*PROVISION_DENIED/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
