// Development only (`npm start`): the console's OpenID provider and its build. main.ts never imports this.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_OFFICERS, type DevOidcProvider, startDevOidcProvider } from '@provision/dev-oidc';
import { DEMO_CLIENT_IDS } from '@provision/db';
import { type ConsoleOidcConfig } from '../config.js';

/** The resource (audience) of the console's access tokens from the development provider. */
export const DEV_CONSOLE_AUDIENCE = 'urn:provision-gateway:console';

/** The development provider for the console, with the two demo officers; listens on `port` (PORT + 1 in `npm start`). */
export async function startDevConsoleIssuer(options: {
  port: number;
  publicUrl: string;
  keyFile?: string;
}): Promise<{ provider: DevOidcProvider; oidc: ConsoleOidcConfig }> {
  // A new secret each start: only this process and the provider, which starts with it, know it.
  const clientSecret = randomBytes(24).toString('base64url');
  const provider = await startDevOidcProvider({
    port: options.port,
    resource: DEV_CONSOLE_AUDIENCE,
    resourceScopes: ['admin:read', 'admin:write'],
    accounts: DEMO_OFFICERS,
    keyFile: options.keyFile,
    clients: [
      {
        clientId: DEMO_CLIENT_IDS.privacyConsole,
        clientSecret,
        grantTypes: ['authorization_code'],
        redirectUris: [`${options.publicUrl}/console/auth/callback`],
        postLogoutRedirectUris: [`${options.publicUrl}/console/`],
      },
    ],
  });
  return {
    provider,
    oidc: { issuer: provider.issuer, clientId: DEMO_CLIENT_IDS.privacyConsole, clientSecret, audience: DEV_CONSOLE_AUDIENCE },
  };
}

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    return Math.max(newest, mtime);
  }, 0);
}

/**
 * Builds the console when its build is missing or older than its sources (a few seconds; nothing
 * to do on most starts), so `npm start` serves the console that the working tree holds.
 */
export async function ensureConsoleBuilt(consoleDir: string, assetsDir: string): Promise<boolean> {
  const index = join(assetsDir, 'index.html');
  const sources = [join(consoleDir, 'src'), join(consoleDir, 'index.html')];
  const newestSource = Math.max(...sources.map((path) => (statSync(path).isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)));
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource) return false;
  const { build } = await import('vite');
  await build({ configFile: join(consoleDir, 'vite.config.ts'), root: consoleDir, logLevel: 'warn' });
  return true;
}
