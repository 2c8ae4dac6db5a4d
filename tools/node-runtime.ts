// The node command line of the deployed gateway, for the tools that start it as deployed (the bench,
// the scale test): the flags of `npm run start:prod`, which the image's CMD and the manifests run
// word for word (deploy/src/manifests.spec.ts checks it).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PACKAGE_JSON = resolve(import.meta.dirname, '../package.json');

/** `node`'s arguments to run `entry` as the deployed gateway runs: its flags (TypeScript loader included), then `entry`. */
export function deployedNodeArgs(entry: string): string[] {
  const { scripts } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { scripts: Record<string, string> };
  const words = scripts['start:prod']?.split(' ') ?? [];
  if (words[0] !== 'node' || words.length < 3) throw new Error('package.json has no `start:prod` script of the form `node <flags> <entry>`');
  return [...words.slice(1, -1), entry];
}
