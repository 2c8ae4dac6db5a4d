import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** One Kubernetes object as rendered: plain JSON, the shape `kubectl kustomize` prints. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [field: string]: unknown };
  [field: string]: unknown;
}

/** A kustomization this renderer cannot render exactly as kustomize would. */
export class KustomizeError extends Error {
  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = 'KustomizeError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: Json;
}

/**
 * The fields of a kustomization this renderer understands. Anything else is refused rather than
 * ignored, so a manifest can never depend on a feature the test does not render.
 */
const FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'labels', 'resources', 'images', 'patches']);

/** Kinds that live outside namespaces (the subset a kustomization here may contain). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'PriorityClass']);

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function readYaml(file: string): Json[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => {
    const [error] = document.errors;
    if (error) throw new KustomizeError(file, error.message);
    return document.toJS() as Json;
  });
}

function asKubeObject(value: Json, where: string): KubeObject {
  if (!isObject(value) || typeof value['apiVersion'] !== 'string' || typeof value['kind'] !== 'string') {
    throw new KustomizeError(where, 'a resource needs apiVersion and kind');
  }
  const metadata = value['metadata'];
  if (!isObject(metadata) || typeof metadata['name'] !== 'string') throw new KustomizeError(where, 'a resource needs metadata.name');
  return value as unknown as KubeObject;
}

// RFC 6901: "~1" is "/", "~0" is "~".
const pointerTokens = (pointer: string, where: string): string[] => {
  if (!pointer.startsWith('/')) throw new KustomizeError(where, `patch path ${pointer} must start with /`);
  return pointer.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
};

function arrayIndex(container: Json[], token: string, forAdd: boolean, where: string): number {
  if (forAdd && token === '-') return container.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new KustomizeError(where, `${token} is not an array index`);
  const index = Number(token);
  if (index > container.length || (!forAdd && index === container.length)) throw new KustomizeError(where, `index ${index} is out of range`);
  return index;
}

/** Applies one RFC 6902 operation in place (the subset add, remove, replace, test). */
export function applyJsonPatch(document: Json, operation: JsonPatchOperation, where: string): void {
  const tokens = pointerTokens(operation.path, where);
  const last = tokens.pop() ?? '';
  let parent: Json = document;
  for (const token of tokens) {
    const next: Json | undefined = Array.isArray(parent)
      ? parent[arrayIndex(parent, token, false, where)]
      : isObject(parent)
        ? parent[token]
        : undefined;
    if (next === undefined) throw new KustomizeError(where, `${operation.path} does not exist`);
    parent = next;
  }
  const value = operation.value ?? null;
  if (operation.op !== 'remove' && operation.value === undefined) throw new KustomizeError(where, `${operation.op} ${operation.path} needs a value`);
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, operation.op === 'add', where);
    if (operation.op === 'add') parent.splice(index, 0, value);
    else if (operation.op === 'remove') parent.splice(index, 1);
    else if (operation.op === 'replace') parent[index] = value;
    else if (JSON.stringify(parent[index]) !== JSON.stringify(value)) throw new KustomizeError(where, `test ${operation.path} failed`);
    return;
  }
  if (!isObject(parent)) throw new KustomizeError(where, `${operation.path} does not exist`);
  const exists = Object.hasOwn(parent, last);
  if (operation.op !== 'add' && !exists) throw new KustomizeError(where, `${operation.path} does not exist`);
  if (operation.op === 'remove') delete parent[last];
  else if (operation.op === 'test') {
    if (JSON.stringify(parent[last]) !== JSON.stringify(value)) throw new KustomizeError(where, `test ${operation.path} failed`);
  } else parent[last] = value;
}

function jsonPatchOperations(text: string, where: string): JsonPatchOperation[] {
  const parsed: unknown = parse(text);
  if (!Array.isArray(parsed)) throw new KustomizeError(where, 'only RFC 6902 (JSON patch) lists are supported as patches');
  return parsed.map((operation: unknown) => {
    if (!isObject(operation) || typeof operation['path'] !== 'string' || !['add', 'remove', 'replace', 'test'].includes(String(operation['op']))) {
      throw new KustomizeError(where, 'each patch operation needs op (add, remove, replace or test) and path');
    }
    return operation as unknown as JsonPatchOperation;
  });
}

function applyPatches(objects: KubeObject[], patches: Json, dir: string, where: string): void {
  if (!Array.isArray(patches)) throw new KustomizeError(where, 'patches must be a list');
  for (const entry of patches) {
    if (!isObject(entry) || !isObject(entry['target'])) throw new KustomizeError(where, 'each patch needs a target (kind and name)');
    const { kind, name, ...rest } = entry['target'];
    if (typeof kind !== 'string' || typeof name !== 'string' || Object.keys(rest).length > 0) {
      throw new KustomizeError(where, 'a patch target is selected by kind and name only');
    }
    const text = typeof entry['patch'] === 'string' ? entry['patch'] : typeof entry['path'] === 'string' ? readFileSync(join(dir, entry['path']), 'utf8') : null;
    if (text === null) throw new KustomizeError(where, `the patch of ${kind}/${name} needs patch or path`);
    const targets = objects.filter((object) => object.kind === kind && object.metadata.name === name);
    if (targets.length === 0) throw new KustomizeError(where, `no resource ${kind}/${name} to patch`);
    const operations = jsonPatchOperations(text, `${where} (${kind}/${name})`);
    for (const target of targets) for (const operation of operations) applyJsonPatch(target as unknown as Json, operation, `${where} (${kind}/${name})`);
  }
}

/** Where a workload keeps its pod template's metadata, and (CronJob) its job template's. */
function templateMetadata(object: KubeObject): JsonObject[] {
  const spec = object['spec'];
  if (!isObject(spec)) return [];
  const jobTemplate = spec['jobTemplate'];
  const found: Json[] = isObject(jobTemplate)
    ? [jobTemplate, isObject(jobTemplate['spec']) ? jobTemplate['spec']['template'] ?? null : null]
    : [spec['template'] ?? null];
  return found.filter(isObject).map((holder) => {
    if (!isObject(holder['metadata'])) holder['metadata'] = {};
    return holder['metadata'] as JsonObject;
  });
}

function addLabels(objects: KubeObject[], labels: Json, where: string): void {
  if (!Array.isArray(labels)) throw new KustomizeError(where, 'labels must be a list');
  for (const entry of labels) {
    if (!isObject(entry) || !isObject(entry['pairs'])) throw new KustomizeError(where, 'each labels entry needs pairs');
    if (entry['includeSelectors'] === true) throw new KustomizeError(where, 'labels with includeSelectors are not supported: selectors are written out');
    const pairs = entry['pairs'];
    for (const object of objects) {
      const holders: JsonObject[] = [object.metadata as unknown as JsonObject, ...(entry['includeTemplates'] === true ? templateMetadata(object) : [])];
      for (const metadata of holders) metadata['labels'] = { ...(isObject(metadata['labels']) ? metadata['labels'] : {}), ...pairs };
    }
  }
}

/** Every `image` of every container list, wherever it sits (pods, pod templates, job templates). */
function containers(node: Json): JsonObject[] {
  if (Array.isArray(node)) return node.flatMap(containers);
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'containers' || key === 'initContainers') && Array.isArray(value) ? value.filter(isObject) : containers(value),
  );
}

/** The image's name without its tag or digest (a registry port is not a tag). */
export function imageName(image: string): string {
  const [withoutDigest = image] = image.split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

function setImages(objects: KubeObject[], images: Json, where: string): void {
  if (!Array.isArray(images)) throw new KustomizeError(where, 'images must be a list');
  for (const entry of images) {
    if (!isObject(entry) || typeof entry['name'] !== 'string') throw new KustomizeError(where, 'each image needs a name');
    const { name, newName, newTag, digest } = entry;
    for (const container of objects.flatMap((object) => containers(object as unknown as Json))) {
      const image = container['image'];
      if (typeof image !== 'string' || imageName(image) !== name) continue;
      const rest = image.slice(name.length);
      const base = typeof newName === 'string' ? newName : name;
      container['image'] =
        typeof digest === 'string' ? `${base}@${digest}` : typeof newTag === 'string' ? `${base}:${newTag}` : `${base}${rest}`;
    }
  }
}

/**
 * Renders the kustomization in `dir` as `kubectl kustomize` does, for the subset this repository
 * uses: resources (files and directories), JSON 6902 patches selected by kind and name, namespace,
 * labels (metadata and, with includeTemplates, pod and job templates), images. Order of steps
 * follows kustomize: resources, patches, namespace, labels, images. Throws {@link KustomizeError}
 * on any other field, so nothing is silently skipped.
 */
export function renderKustomization(dir: string): KubeObject[] {
  const file = join(dir, 'kustomization.yaml');
  const [kustomization] = readYaml(file);
  if (!isObject(kustomization)) throw new KustomizeError(file, 'is not a mapping');
  for (const field of Object.keys(kustomization)) {
    if (!FIELDS.has(field)) throw new KustomizeError(file, `field ${field} is not supported by this renderer`);
  }
  const resources = kustomization['resources'] ?? [];
  if (!Array.isArray(resources)) throw new KustomizeError(file, 'resources must be a list');
  const objects = resources.flatMap((entry) => {
    if (typeof entry !== 'string') throw new KustomizeError(file, 'each resource is a path');
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return renderKustomization(path);
    return readYaml(path)
      .filter((document) => document !== null)
      .map((document) => asKubeObject(document, path));
  });
  if (kustomization['patches'] !== undefined) applyPatches(objects, kustomization['patches'], dir, file);
  const namespace = kustomization['namespace'];
  if (namespace !== undefined) {
    if (typeof namespace !== 'string') throw new KustomizeError(file, 'namespace must be a string');
    for (const object of objects) if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = namespace;
  }
  if (kustomization['labels'] !== undefined) addLabels(objects, kustomization['labels'], file);
  if (kustomization['images'] !== undefined) setImages(objects, kustomization['images'], file);
  const seen = new Set<string>();
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (seen.has(id)) throw new KustomizeError(file, `${id} is defined twice`);
    seen.add(id);
  }
  return objects;
}
