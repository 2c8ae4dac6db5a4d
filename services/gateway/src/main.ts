// Production entry (`npm run start:prod`, the container's command): see production.ts.
import 'reflect-metadata';
import { serveProduction } from './production.js';

await serveProduction();
