import { type KubeObject } from './kustomize.js';

interface SchemaError {
  instancePath: string;
  message?: string;
}

interface Model {
  validate(): void;
}

type ModelClass = new (data: unknown) => Model;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The kubernetes-models class of an apiVersion and kind, e.g. `apps/v1` Deployment → kubernetes-models/apps/v1/Deployment. */
async function modelClass(apiVersion: string, kind: string): Promise<ModelClass> {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]+$/.test(kind)) {
    throw new Error(`${apiVersion} ${kind} is not an apiVersion and kind`);
  }
  const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, unknown>;
  const found = module[kind];
  if (typeof found !== 'function') throw new Error(`kubernetes-models has no ${apiVersion} ${kind}`);
  return found as ModelClass;
}

/** The schema errors of one object (empty when valid). */
function schemaErrors(Model: ModelClass, data: unknown): SchemaError[] {
  try {
    new Model(data).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: SchemaError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors;
  }
}

const escapeToken = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * The OpenAPI schemas do not forbid unknown fields (the API server does, with strict field
 * validation), so a misspelt field such as `readinesProbe` would pass. A field is known when the
 * schema checks it: replaced by a value of the wrong type, it must produce an error at its own
 * path. Every field of the object is probed this way, depth first.
 */
function unknownFields(Model: ModelClass, root: KubeObject): string[] {
  const unknown: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}/${index}`));
      return;
    }
    if (!isObject(node)) return;
    for (const [key, original] of Object.entries(node)) {
      const fieldPath = `${path}/${escapeToken(key)}`;
      // `true` is the wrong type for everything but a boolean, and a string is wrong for a boolean.
      node[key] = typeof original === 'boolean' ? 'probe' : true;
      const known = schemaErrors(Model, root).some((error) => error.instancePath === fieldPath);
      node[key] = original;
      if (!known) unknown.push(fieldPath);
      else visit(original, fieldPath);
    }
  };
  visit(root, '');
  return unknown;
}

/**
 * Checks one rendered object offline against the Kubernetes OpenAPI schema (kubernetes-models):
 * types, required fields, formats, and no field the schema does not know. Returns the problems,
 * each naming the object and the JSON pointer of the field; empty when the object is valid.
 */
export async function validateKubeObject(object: KubeObject): Promise<string[]> {
  const name = `${object.kind}/${object.metadata.name}`;
  const Model = await modelClass(object.apiVersion, object.kind);
  const copy = structuredClone(object);
  const errors = schemaErrors(Model, copy).map((error) => `${name}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
  if (errors.length > 0) return errors;
  return unknownFields(Model, copy).map((path) => `${name}: ${path} is not a field of ${object.apiVersion} ${object.kind}`);
}
