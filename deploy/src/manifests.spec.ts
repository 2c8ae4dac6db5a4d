import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { isCopied, readDockerfile } from './dockerfile.js';
import { imageName, type KubeObject, renderKustomization } from './kustomize.js';
import { validateKubeObject } from './manifest-schema.js';

// What deploy/k8s promises an operator (deploy/README.md, "Kubernetes"), checked on the rendered
// production overlay: valid objects, the hardening of every container, probes and drain that fit
// the gateway's configuration, entry points that exist in the image, secrets by reference only.

const root = join(import.meta.dirname, '../..');
const overlay = join(root, 'deploy/k8s/overlays/production');
const base = join(root, 'deploy/k8s/base');
const image = readDockerfile(readFileSync(join(root, 'deploy/Dockerfile'), 'utf8'));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const objects = renderKustomization(overlay);

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
  securityContext?: Record<string, unknown>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; emptyDir?: object }[];
  securityContext?: Record<string, unknown>;
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}

const byKind = (kind: string) => objects.filter((object) => object.kind === kind);
const named = (kind: string, name: string): KubeObject & { spec: Record<string, unknown> } => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not rendered`);
  return found as KubeObject & { spec: Record<string, unknown> };
};

/** Every pod template: Deployments and Jobs, and CronJobs' job templates. */
function podTemplates(): { owner: string; template: PodTemplate }[] {
  return objects.flatMap((object) => {
    const spec = object['spec'] as { template?: PodTemplate; jobTemplate?: { spec: { template: PodTemplate } } } | undefined;
    const template = spec?.template ?? spec?.jobTemplate?.spec.template;
    return template ? [{ owner: `${object.kind}/${object.metadata.name}`, template }] : [];
  });
}
const allContainers = () =>
  podTemplates().flatMap(({ owner, template }) =>
    [...template.spec.containers, ...(template.spec.initContainers ?? [])].map((container) => ({ owner, pod: template.spec, container })),
  );
const podOf = (kind: string, name: string) => {
  const object = named(kind, name) as unknown as { spec: { template?: PodTemplate; jobTemplate?: { spec: { template: PodTemplate } } } };
  return (object.spec.template ?? object.spec.jobTemplate!.spec.template).spec;
};
const containerOf = (kind: string, name: string, container: string): Container => {
  const pod = podOf(kind, name);
  const found = [...pod.containers, ...(pod.initContainers ?? [])].find((candidate) => candidate.name === container);
  if (!found) throw new Error(`${kind}/${name} has no container ${container}`);
  return found;
};
const envValue = (container: Container, name: string) => container.env?.find((variable) => variable.name === name)?.value;
const portNumber = (container: Container, port: string | number) =>
  typeof port === 'number' ? port : container.ports?.find((candidate) => candidate.name === port)?.containerPort;

/** Where each of a container's probes asks: path and port number. */
const httpProbes = (container: Container) =>
  Object.fromEntries(
    (['startupProbe', 'livenessProbe', 'readinessProbe'] as const).map((which) => {
      const httpGet = container[which]?.httpGet;
      return [which, httpGet && { path: httpGet.path, port: portNumber(container, httpGet.port) }];
    }),
  );
/** Startup and liveness on /healthz (the process), readiness on /readyz (the database and schema). */
const expectedProbes = (port: number) => ({
  startupProbe: { path: '/healthz', port },
  livenessProbe: { path: '/healthz', port },
  readinessProbe: { path: '/readyz', port },
});

const ourImage = imageName(containerOf('Deployment', 'provision-gateway', 'gateway').image);

describe('the production overlay', () => {
  it('renders every object valid against the Kubernetes OpenAPI schemas, with no unknown field', async () => {
    expect(objects.length).toBeGreaterThan(10);
    // One after the other: Jest's ESM loader cannot link the same module for concurrent imports.
    const problems: string[] = [];
    for (const object of objects) problems.push(...(await validateKubeObject(object)));
    expect(problems).toEqual([]);
  });

  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  // The renderer is checked against kustomize itself wherever kubectl is installed.
  (kubectl ? it : it.skip).each([base, overlay])('renders %s exactly as `kubectl kustomize` does', (dir) => {
    const theirs = parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })).map((document) => document.toJS() as KubeObject);
    const key = (object: KubeObject) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    const sorted = (list: KubeObject[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(renderKustomization(dir))).toEqual(sorted(theirs));
  });

  it('hardens every container: non-root, read-only root, no privilege escalation, no capabilities, seccomp, resources, a writable /tmp', () => {
    const found = allContainers();
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const { owner, pod, container } of found) {
      const where = `${owner} ${container.name}`;
      const context = container.securityContext ?? {};
      const seccomp = (context['seccompProfile'] ?? pod.securityContext?.['seccompProfile']) as { type?: string } | undefined;
      expect({ where, runAsNonRoot: context['runAsNonRoot'] ?? pod.securityContext?.['runAsNonRoot'] }).toEqual({ where, runAsNonRoot: true });
      // The image's USER is a name; only a numeric user lets the kubelet prove it is not root.
      expect({ where, uid: Number(context['runAsUser'] ?? pod.securityContext?.['runAsUser']) > 0 }).toEqual({ where, uid: true });
      expect({ where, seccomp: seccomp?.type }).toEqual({ where, seccomp: 'RuntimeDefault' });
      expect({ where, readOnlyRootFilesystem: context['readOnlyRootFilesystem'] }).toEqual({ where, readOnlyRootFilesystem: true });
      expect({ where, allowPrivilegeEscalation: context['allowPrivilegeEscalation'] }).toEqual({ where, allowPrivilegeEscalation: false });
      expect({ where, privileged: context['privileged'] ?? false }).toEqual({ where, privileged: false });
      expect({ where, drop: (context['capabilities'] as { drop?: string[] } | undefined)?.drop }).toEqual({ where, drop: ['ALL'] });
      expect({ where, add: (context['capabilities'] as { add?: string[] } | undefined)?.add }).toEqual({ where, add: undefined });
      expect({ where, requests: Object.keys(container.resources?.requests ?? {}).sort() }).toEqual({ where, requests: ['cpu', 'memory'] });
      expect({ where, memoryLimit: typeof container.resources?.limits?.['memory'] }).toEqual({ where, memoryLimit: 'string' });
      const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      const volume = pod.volumes?.find((candidate) => candidate.name === tmp?.name);
      expect({ where, tmpIsEmptyDir: volume?.emptyDir !== undefined }).toEqual({ where, tmpIsEmptyDir: true });
    }
    for (const { owner, template } of podTemplates()) {
      expect({ owner, automount: template.spec.automountServiceAccountToken }).toEqual({ owner, automount: false });
    }
  });

  it('runs at least two gateways, kept by the autoscaler and the disruption budget, reached through the Service', () => {
    const deployment = named('Deployment', 'provision-gateway');
    const podLabels = (deployment.spec['template'] as PodTemplate).metadata.labels;
    const selects = (selector: { matchLabels: Record<string, string> }) =>
      Object.entries(selector.matchLabels).every(([key, value]) => podLabels[key] === value);
    expect(deployment.spec['replicas']).toBeGreaterThanOrEqual(2);
    const hpa = named('HorizontalPodAutoscaler', 'provision-gateway').spec;
    expect(hpa['scaleTargetRef']).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'provision-gateway' });
    expect(hpa['minReplicas']).toBeGreaterThanOrEqual(2);
    const pdb = named('PodDisruptionBudget', 'provision-gateway').spec;
    expect(selects(pdb['selector'] as { matchLabels: Record<string, string> })).toBe(true);
    expect(pdb['minAvailable']).toBeGreaterThanOrEqual(1);
    const service = named('Service', 'provision-gateway').spec;
    expect(selects({ matchLabels: service['selector'] as Record<string, string> })).toBe(true);
    expect(service['ports']).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'http', targetPort: 'http' })]));
  });

  it("probes the gateway on PORT (the image's EXPOSE) and drains for as long as SHUTDOWN_DRAIN_DELAY_MS before the kubelet may kill it", () => {
    const gateway = containerOf('Deployment', 'provision-gateway', 'gateway');
    const port = Number(envValue(gateway, 'PORT'));
    expect(image.exposed).toContain(port);
    expect(httpProbes(gateway)).toEqual(expectedProbes(port));
    expect(portNumber(gateway, 'metrics')).toBe(Number(envValue(gateway, 'METRICS_PORT')));
    const drainMs = Number(envValue(gateway, 'SHUTDOWN_DRAIN_DELAY_MS'));
    const graceMs = Number(envValue(gateway, 'SHUTDOWN_GRACE_MS'));
    const preStopMs = (gateway.lifecycle?.preStop?.sleep?.seconds ?? 0) * 1000;
    expect(drainMs).toBeGreaterThan(0);
    expect(preStopMs).toBe(drainMs);
    expect(podOf('Deployment', 'provision-gateway').terminationGracePeriodSeconds! * 1000).toBeGreaterThan(preStopMs + drainMs + graceMs);
  });

  it("probes the worker's own endpoint on WORKER_PORT", () => {
    const worker = containerOf('Deployment', 'provision-worker', 'worker');
    const port = Number(envValue(worker, 'WORKER_PORT'));
    expect(port).toBe(9400);
    expect(httpProbes(worker)).toEqual(expectedProbes(port));
  });

  it('runs only entry points that exist in the image and are the ones the npm scripts run', () => {
    const scriptFile = (script: string) => {
      const words = packageJson.scripts[script]!.split(' ');
      const loaderAt = words.indexOf('--import') + 1;
      return { flags: words.slice(1, loaderAt - 1), loader: words[loaderAt], file: words.at(-1) === 'up' ? words.at(-2) : words.at(-1) };
    };
    const expected: Record<string, string> = {
      'Deployment/provision-gateway gateway': 'start:prod',
      'Deployment/provision-worker worker': 'worker',
      'Job/provision-migrate migrate': 'migrate',
      'CronJob/provision-ledger-checkpoint checkpoint': 'audit:checkpoint',
    };
    const ours = allContainers().filter(({ container }) => imageName(container.image) === ourImage);
    expect(ours.map(({ owner, container }) => `${owner} ${container.name}`).sort()).toEqual(Object.keys(expected).sort());
    for (const { owner, container } of ours) {
      const command = [...(container.command ?? image.cmd), ...(container.args ?? [])];
      // node, its flags (the same as the npm script's, see below), the TypeScript loader, the file.
      const loaderAt = command.indexOf('--import') + 1;
      expect(command[0]).toBe('node');
      expect(loaderAt).toBeGreaterThan(1);
      const [flags, loader, file] = [command.slice(1, loaderAt - 1), command[loaderAt]!, command[loaderAt + 1]!];
      // The loader is a production dependency (the image installs with --omit=dev), and the file is copied in.
      expect(packageJson.dependencies[loader.split('/').slice(0, 2).join('/')]).toBeDefined();
      expect(existsSync(join(root, file))).toBe(true);
      expect({ file, inImage: isCopied(image, file) }).toEqual({ file, inImage: true });
      // So do the files it imports relatively (aliases resolve through tsconfig.base.json, also copied).
      const imports = [...readFileSync(join(root, file), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((match) =>
        relative(root, normalize(join(root, dirname(file), `${match[1]}.ts`))),
      );
      for (const imported of imports) expect({ imported, inImage: existsSync(join(root, imported)) && isCopied(image, imported) }).toEqual({ imported, inImage: true });
      expect(scriptFile(expected[`${owner} ${container.name}`]!)).toEqual({ flags, loader, file });
    }
    expect(isCopied(image, 'tsconfig.base.json')).toBe(true);
  });

  it('runs the migration as the schema owner, and nothing else gets its credentials', () => {
    const secretNames = (container: Container) => [
      ...(container.env ?? []).flatMap((variable) => (variable.valueFrom?.secretKeyRef ? [variable.valueFrom.secretKeyRef.name] : [])),
      ...(container.envFrom ?? []).flatMap((source) => (source.secretRef ? [source.secretRef.name] : [])),
    ];
    const owners = allContainers().filter(({ container }) => secretNames(container).includes('provision-database-owner'));
    expect(owners.map(({ owner, container }) => `${owner} ${container.name}`)).toEqual(['Job/provision-migrate migrate']);
    expect(containerOf('Job', 'provision-migrate', 'migrate').command).toEqual(expect.arrayContaining(['tools/migrate.ts', 'up']));
    // Secrets are referenced by name, created outside the repository, and each is documented.
    expect(byKind('Secret')).toEqual([]);
    const readme = readFileSync(join(root, 'deploy/README.md'), 'utf8');
    const referenced = [...new Set(allContainers().flatMap(({ container }) => secretNames(container)))];
    expect(referenced.length).toBeGreaterThanOrEqual(4);
    for (const name of referenced) expect({ name, documented: readme.includes(`\`${name}\``) }).toEqual({ name, documented: true });
  });

  it('signs a ledger checkpoint once a day and never twice at once', () => {
    const cronJob = named('CronJob', 'provision-ledger-checkpoint').spec;
    expect(cronJob['schedule']).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(cronJob['concurrencyPolicy']).toBe('Forbid');
    const checkpoint = containerOf('CronJob', 'provision-ledger-checkpoint', 'checkpoint');
    expect(checkpoint.env?.find((variable) => variable.name === 'AUDIT_SIGNING_KEY')?.valueFrom?.secretKeyRef?.name).toBe('provision-audit-signing-key');
  });

  it('denies all traffic but the ingress controller to the gateway, monitoring to the metrics ports, and PostgreSQL, DNS and HTTPS out', () => {
    type Peer = { namespaceSelector?: { matchLabels: Record<string, string> }; ipBlock?: { cidr: string; except?: string[] } };
    type Rule = { from?: Peer[]; to?: Peer[]; ports?: { port: number }[] };
    type Policy = { podSelector: { matchLabels?: Record<string, string> }; policyTypes: string[]; ingress?: Rule[]; egress?: Rule[] };
    const policies = byKind('NetworkPolicy').map((object) => ({ name: object.metadata.name, spec: object['spec'] as Policy }));
    const deny = policies.find(({ spec }) => spec.ingress === undefined && spec.egress === undefined)!.spec;
    expect(deny.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    for (const { owner, template } of podTemplates()) {
      const selected = Object.entries(deny.podSelector.matchLabels!).every(([key, value]) => template.metadata.labels[key] === value);
      expect({ owner, deniedByDefault: selected }).toEqual({ owner, deniedByDefault: true });
    }
    const sources = policies.flatMap(({ spec }) =>
      (spec.ingress ?? []).map((rule) => ({
        from: rule.from?.map((peer) => peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name']),
        ports: rule.ports?.map((port) => port.port),
      })),
    );
    expect(sources).toEqual(
      expect.arrayContaining([
        { from: ['ingress-nginx'], ports: [4000] },
        { from: ['monitoring'], ports: [9464] },
        { from: ['monitoring'], ports: [9400] },
      ]),
    );
    expect(sources).toHaveLength(3);
    const egressPorts = new Set(policies.flatMap(({ spec }) => (spec.egress ?? []).flatMap((rule) => rule.ports!.map((port) => port.port))));
    expect([...egressPorts].sort()).toEqual([443, 53, 5432]);
    const postgres = policies.flatMap(({ spec }) => (spec.egress ?? []).filter((rule) => rule.ports!.some((port) => port.port === 5432)));
    const cidrs = postgres.flatMap((rule) => rule.to!.map((peer) => peer.ipBlock?.cidr));
    // The base's placeholder (a documentation address) is replaced, and never by "anywhere".
    expect(cidrs).toHaveLength(1);
    expect(cidrs[0]).not.toMatch(/^(192\.0\.2\.|0\.0\.0\.0)/);
  });

  it("passes the gateway's and the worker's configuration checks with the manifests' settings", async () => {
    const keys = { DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`, DATA_INDEX_KEY: randomBytes(32).toString('base64') };
    const secrets = { DATABASE_URL: 'postgresql://provision_app:secret@db.example:5432/provision', ...keys };
    const config = named('ConfigMap', 'provision-gateway-config')['data'] as Record<string, string>;
    const plain = (container: Container) =>
      Object.fromEntries((container.env ?? []).flatMap((variable) => (variable.value === undefined ? [] : [[variable.name, variable.value]])));
    const environments = {
      gateway: { ...config, ...plain(containerOf('Deployment', 'provision-gateway', 'gateway')), ...secrets },
      worker: { ...plain(containerOf('Deployment', 'provision-worker', 'worker')), ...secrets },
    };
    // The loaders run in a child process: this project imports no service code.
    const script = `const env = JSON.parse(process.argv[1]);
      const [{ loadConfig }, { loadWorkerConfig }] = await Promise.all([import('./services/gateway/src/config.ts'), import('./services/worker/src/config.ts')]);
      const gateway = loadConfig(env.gateway); loadWorkerConfig(env.worker);
      console.log(JSON.stringify({ shutdown: gateway.shutdown, audience: gateway.auth.audience }));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', '--input-type=module', '-e', script, JSON.stringify(environments)],
      { cwd: root, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', NODE_OPTIONS: '' } },
    );
    const gateway = containerOf('Deployment', 'provision-gateway', 'gateway');
    expect(JSON.parse(stdout)).toEqual({
      shutdown: { drainDelayMs: gateway.lifecycle!.preStop!.sleep!.seconds * 1000, graceMs: Number(envValue(gateway, 'SHUTDOWN_GRACE_MS')) },
      audience: config['AUTH_AUDIENCE'],
    });
    expect(new URL(config['AUTH_AUDIENCE']!).protocol).toMatch(/^(urn|https):$/);
  }, 60_000);
});
