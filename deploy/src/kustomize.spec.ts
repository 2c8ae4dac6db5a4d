import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyJsonPatch, imageName, KustomizeError, renderKustomization } from './kustomize.js';
import { readDockerfile, isCopied } from './dockerfile.js';

describe('the kustomize renderer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: init
          image: registry:5000/web:1
      containers:
        - name: web
          image: web
        - name: sidecar
          image: other:2
`;

  it('renders a base through an overlay: patches, namespace, template labels and images', () => {
    write('base/deployment.yaml', `${deployment}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n`);
    write('base/kustomization.yaml', 'resources:\n  - deployment.yaml\nlabels:\n  - pairs:\n      part-of: shop\n    includeTemplates: true\n');
    write(
      'overlay/kustomization.yaml',
      `namespace: shop
resources:
  - ../base
images:
  - name: web
    newName: registry.example/web
    newTag: "2.0"
  - name: registry:5000/web
    digest: sha256:abc
patches:
  - target:
      kind: Deployment
      name: web
    patch: |-
      - op: replace
        path: /spec/replicas
        value: 3
      - op: add
        path: /spec/template/spec/containers/-
        value: { name: extra, image: web }
`,
    );
    const [rendered, namespace] = renderKustomization(join(dir, 'overlay'));
    expect(namespace).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'part-of': 'shop' } } });
    expect(rendered).toMatchObject({
      metadata: { name: 'web', namespace: 'shop', labels: { 'part-of': 'shop' } },
      spec: {
        replicas: 3,
        template: {
          metadata: { labels: { app: 'web', 'part-of': 'shop' } },
          spec: {
            initContainers: [{ image: 'registry:5000/web@sha256:abc' }],
            containers: [{ image: 'registry.example/web:2.0' }, { image: 'other:2' }, { image: 'registry.example/web:2.0' }],
          },
        },
      },
    });
  });

  it.each([
    ['an unsupported field', 'commonLabels:\n  a: b\n', /field commonLabels is not supported/],
    ['a patch without a target', 'resources: [d.yaml]\npatches:\n  - patch: "[]"\n', /needs a target/],
    ['a patch of a missing resource', 'resources: [d.yaml]\npatches:\n  - target: {kind: Service, name: web}\n    patch: "[]"\n', /no resource Service\/web/],
    ['a strategic-merge patch', 'resources: [d.yaml]\npatches:\n  - target: {kind: Deployment, name: web}\n    patch: "spec: {}"\n', /only RFC 6902/],
    ['a patch of a missing path', 'resources: [d.yaml]\npatches:\n  - target: {kind: Deployment, name: web}\n    patch: "[{op: replace, path: /spec/paused, value: true}]"\n', /does not exist/],
    ['selector labels', 'resources: [d.yaml]\nlabels:\n  - pairs: {a: b}\n    includeSelectors: true\n', /includeSelectors/],
    ['a duplicate resource', 'resources: [d.yaml, d.yaml]\n', /defined twice/],
  ])('refuses %s rather than render it differently from kustomize', (_, kustomization, problem) => {
    write('d.yaml', deployment);
    write('kustomization.yaml', kustomization);
    expect(() => renderKustomization(dir)).toThrow(KustomizeError);
    expect(() => renderKustomization(dir)).toThrow(problem);
  });

  it('applies RFC 6902 operations with escaped pointers, array indices and tests', () => {
    const document = { metadata: { labels: { 'a/b': 'x', 'c~d': 'y' } }, list: [1, 2, 3] };
    applyJsonPatch(document, { op: 'replace', path: '/metadata/labels/a~1b', value: 'z' }, 't');
    applyJsonPatch(document, { op: 'remove', path: '/metadata/labels/c~0d' }, 't');
    applyJsonPatch(document, { op: 'add', path: '/list/1', value: 9 }, 't');
    applyJsonPatch(document, { op: 'remove', path: '/list/0' }, 't');
    applyJsonPatch(document, { op: 'test', path: '/list', value: [9, 2, 3] }, 't');
    expect(document).toEqual({ metadata: { labels: { 'a/b': 'z' } }, list: [9, 2, 3] });
    expect(() => applyJsonPatch(document, { op: 'test', path: '/list/0', value: 1 }, 't')).toThrow('test /list/0 failed');
    expect(() => applyJsonPatch(document, { op: 'replace', path: '/list/3', value: 1 }, 't')).toThrow('out of range');
    expect(() => applyJsonPatch(document, { op: 'replace', path: 'list', value: 1 }, 't')).toThrow('must start with /');
  });

  it('names an image without its tag or digest, keeping a registry port', () => {
    expect(imageName('web')).toBe('web');
    expect(imageName('web:1.2')).toBe('web');
    expect(imageName('registry:5000/team/web:1.2')).toBe('registry:5000/team/web');
    expect(imageName('registry:5000/web@sha256:abc')).toBe('registry:5000/web');
  });
});

describe('reading a Dockerfile', () => {
  it("takes the final stage's copies from the build context, exec CMD, EXPOSE and USER", () => {
    const image = readDockerfile(`FROM node AS deps
COPY package.json ./
FROM node AS runtime
# a comment
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json \\
  ./
COPY libs ./libs
USER node
EXPOSE 4000
CMD ["node", "main.ts"]
`);
    expect(image).toEqual({ copied: ['package.json', 'tsconfig.json', 'libs'], cmd: ['node', 'main.ts'], exposed: [4000], user: 'node' });
    expect(isCopied(image, 'libs/auth/src/index.ts')).toBe(true);
    expect(isCopied(image, 'libsx/a.ts')).toBe(false);
    expect(isCopied(image, 'node_modules/x')).toBe(false);
  });
});
