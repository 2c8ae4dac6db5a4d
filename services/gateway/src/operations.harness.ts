import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `schema/operations/`: example operations that are documentation and test inputs at once. */
export const OPERATIONS_DIR = fileURLToPath(new URL('../../../schema/operations/', import.meta.url));

/** Every operation file, as a path relative to OPERATIONS_DIR without `.graphql` (`admin/partners`). */
export function operationNames(dir = OPERATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql') && !entry.name.endsWith('-fields.graphql'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replace(/\.graphql$/, ''))
    .sort();
}

/**
 * The document to send for one example operation: the file itself plus the shared fragment files
 * (`*-fields.graphql`) of its folder that it spreads, the way a client would bundle them.
 */
export function loadOperation(name: string): string {
  const file = join(OPERATIONS_DIR, `${name}.graphql`);
  const text = readFileSync(file, 'utf8');
  const folder = dirname(file);
  const fragments = readdirSync(folder)
    .filter((entry) => entry.endsWith('-fields.graphql'))
    .map((entry) => readFileSync(join(folder, entry), 'utf8'))
    .filter((fragment) => {
      const fragmentName = /fragment\s+(\w+)/.exec(fragment)?.[1];
      return fragmentName !== undefined && text.includes(`...${fragmentName}`);
    });
  return [text, ...fragments].join('\n');
}
