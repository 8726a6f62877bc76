import { parseTag } from '../image-reference';
import { apiVersionOf, AppIndex, AppObject, describe, Finding, groupOf, identityOf, isKpack, kindOf, Manifest, nameOf, namespaceOf, text } from './objects';
import { FieldError, generic, withHint } from '../validation/field-error';

/**
 * The cross-object checks: what no object's own manifest shows, checked over all the objects of an app
 * (at synth, every object the app writes; in `validate`, every object of the files it is given). Each
 * check is a pure function of the objects; docs/validation.md lists them with the message each prints
 * for its example.
 */
export interface CrossCheck {
  /** Stable id, listed in docs/validation.md. */
  readonly id: string;
  /** What the check reports, in a few words (docs/validation.md). */
  readonly condition: string;
  /** `error`, `warning`, or both (`error or warning`, as the condition says). */
  readonly severity: string;
  /** Objects that show the check's message in docs/validation.md (and in its tests). */
  readonly example: readonly AppObject[];
  readonly check: (app: AppIndex) => Finding[];
}

/** The kinds that name a service account, and the field they name it in. */
const SERVICE_ACCOUNT_FIELDS: ReadonlyArray<{ group: string; kinds: readonly string[]; field: string }> = [
  { group: 'kpack.io', kinds: ['Image', 'Build', 'Builder', 'Buildpack'], field: 'serviceAccountName' },
  { group: 'build.pivotal.io', kinds: ['Image', 'Build'], field: 'serviceAccount' },
];

/** The service account an object's builds run with: the one it names, else kpack's `default`. */
function serviceAccountOf(object: AppObject): { name: string; field: string; named: boolean } | undefined {
  const entry = SERVICE_ACCOUNT_FIELDS.find(e => e.group === groupOf(object) && e.kinds.includes(kindOf(object)));
  if (!entry) {
    return undefined;
  }
  const name = text(object.manifest.spec?.[entry.field]);
  return { name: name || 'default', field: `spec.${entry.field}`, named: !!name };
}

/**
 * Whether an object may end up in `namespace`: an object without a namespace goes to kubectl's current
 * namespace at apply time, which may be any.
 */
function mayShareNamespace(object: AppObject, namespace: string | undefined): boolean {
  const own = namespaceOf(object);
  return own === undefined || namespace === undefined || own === namespace;
}

function finding(check: string, object: AppObject, error: FieldError, warning = false): Finding {
  return warning ? { check, path: object.path, error, warning } : { check, path: object.path, error };
}

/** `git@host:org/repo.git` or `ssh://…`: a git URL kpack clones over ssh. */
export function isSshGitUrl(url: unknown): boolean {
  return typeof url === 'string' && (/^ssh:\/\//.test(url) || /^[\w.-]+@[\w.-]+:/.test(url));
}

/** The git URL of an Image's or Build's source (kpack.io). */
function gitUrlOf(object: AppObject): string | undefined {
  if (groupOf(object) !== 'kpack.io' || !['Image', 'Build'].includes(kindOf(object))) {
    return undefined;
  }
  return text(object.manifest.spec?.source?.git?.url);
}

// Example objects for docs/validation.md.
function example(path: string, manifest: Manifest, unit = 'chart', file = 'chart.k8s.yaml'): AppObject {
  return { path, unit, file, manifest };
}
const image = (namespace: string, spec: Manifest, name = 'hello'): Manifest =>
  ({ apiVersion: 'kpack.io/v1alpha2', kind: 'Image', metadata: { name, namespace }, spec: { tag: 'registry.example.com/apps/hello', ...spec } });
const serviceAccount = (name: string, namespace: string, secrets: string[] = []): Manifest =>
  ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, secrets: secrets.map(s => ({ name: s })) });

const checkServiceAccountNamespace: CrossCheck = {
  id: 'service-account-namespace',
  condition: 'an Image, Build, Builder or Buildpack names a service account the app defines only in other namespaces (kpack looks it up in the object\'s own; an object without a namespace may go to any)',
  severity: 'error',
  example: [
    example('chart/sa', serviceAccount('builds', 'ci')),
    example('chart/hello', image('apps', { serviceAccountName: 'builds' })),
  ],
  check: app => app.objects.flatMap(owner => {
    const account = serviceAccountOf(owner);
    if (!account?.named) {
      return [];
    }
    const namespace = namespaceOf(owner);
    const accounts = app.named('ServiceAccount', account.name).filter(o => groupOf(o) === '');
    if (accounts.length === 0 || accounts.some(o => mayShareNamespace(o, namespace))) {
      return [];
    }
    return [finding('service-account-namespace', owner, withHint(
      generic(`service account "${account.name}" is in namespace ${namespaceOf(accounts[0])}, the ${kindOf(owner)} in ${namespace}`, account.field),
      `kpack looks the service account up in the ${kindOf(owner)}'s namespace: define both in the same namespace`,
    ))];
  }),
};

const checkBuilderNamespace: CrossCheck = {
  id: 'builder-namespace',
  condition: 'an Image or Build names a (namespaced) Builder the app defines only in another namespace',
  severity: 'error',
  example: [
    example('chart/builder', { apiVersion: 'kpack.io/v1alpha2', kind: 'Builder', metadata: { name: 'team-b-builder', namespace: 'team-b' }, spec: {} }),
    example('chart/hello', image('team-a', { builder: { kind: 'Builder', name: 'team-b-builder' } })),
  ],
  check: app => app.objects.flatMap(owner => {
    if (groupOf(owner) !== 'kpack.io') {
      return [];
    }
    const field = kindOf(owner) === 'Image' ? 'spec.builder' : kindOf(owner) === 'Build' ? 'spec.builder.ref' : undefined;
    const ref = field === 'spec.builder' ? owner.manifest.spec?.builder : field ? owner.manifest.spec?.builder?.ref : undefined;
    const name = text(ref?.name);
    if (!field || text(ref?.kind) !== 'Builder' || !name) {
      return [];
    }
    const namespace = namespaceOf(owner);
    const builders = app.named('Builder', name).filter(o => groupOf(o) === 'kpack.io');
    if (builders.length === 0 || builders.some(o => mayShareNamespace(o, namespace))) {
      return [];
    }
    return [finding('builder-namespace', owner, withHint(
      generic(`Builder "${name}" is in namespace ${namespaceOf(builders[0])}, the ${kindOf(owner)} in ${namespace}`, field),
      'a Builder serves only its own namespace: use a ClusterBuilder, or define the Builder in the same namespace',
    ))];
  }),
};

const checkSshCredentials: CrossCheck = {
  id: 'ssh-credentials',
  condition: 'an Image or Build clones an ssh git URL with a service account of the app whose secrets are all known and none is an ssh git secret (`kpack.io/git` on a kubernetes.io/ssh-auth Secret); a warning when the app does not define the account',
  severity: 'error or warning',
  example: [
    example('chart/sa', serviceAccount('builds', 'apps')),
    example('chart/hello', image('apps', { serviceAccountName: 'builds', source: { git: { url: 'git@github.com:example/private.git', revision: 'main' } } })),
  ],
  check: app => app.objects.flatMap(owner => {
    const url = gitUrlOf(owner);
    const account = serviceAccountOf(owner);
    if (!isSshGitUrl(url) || !account) {
      return [];
    }
    const namespace = namespaceOf(owner);
    const defined = app.find('ServiceAccount', account.name, namespace, '');
    if (defined === undefined) {
      // Defined in another namespace: service-account-namespace reports it.
      return app.named('ServiceAccount', account.name).some(o => groupOf(o) === '') ? [] : [finding('ssh-credentials', owner, generic(
        `the source ${url} is cloned over ssh: make sure the service account "${account.name}" holds an ssh git secret (RegistryCredentials.gitSsh)`,
      ), true)];
    }
    const kinds = app.secretKindsOf(defined);
    if (kinds === undefined || kinds.includes('GIT_SSH')) {
      return [];
    }
    return [finding('ssh-credentials', owner, withHint(
      generic(`the source ${url} is cloned over ssh, but service account "${account.name}" holds no ssh git credentials`, account.field),
      'add RegistryCredentials.gitSsh(...) to the service account with addTo()',
    ))];
  }),
};

/** Objects of one install that others duplicate are reported once, as the install twice. */
function duplicates(app: AppIndex): Finding[] {
  const first = new Map<string, AppObject>();
  const findings: Finding[] = [];
  const installPairs = new Set<string>();
  for (const object of app.objects) {
    if (!nameOf(object)) {
      continue;
    }
    const key = identityOf(object);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, object);
      continue;
    }
    const sameFile = earlier.file === object.file;
    const where = earlier.unit === object.unit
      ? `in the same ${object.unit === object.file ? 'file' : 'chart'}`
      : sameFile ? 'written to the same file' : 'written to another file';
    const installs = [earlier.facts?.install, object.facts?.install];
    if (installs[0] !== undefined && installs[1] !== undefined) {
      const pair = `${installs[0]} ${installs[1]}`;
      if (!installPairs.has(pair) && installs[0] !== installs[1]) {
        installPairs.add(pair);
        findings.push({
          check: 'kpack-installed-twice',
          path: installs[1],
          error: withHint(
            generic(`kpack is also installed by ${installs[0]} (${where}): both write ${describe(object)} and the rest of the install`),
            sameFile
              ? 'one cluster runs one kpack: keep a single Kpack install'
              : 'applied to one cluster, the second install replaces the first: keep one Kpack install per cluster',
          ),
          ...sameFile ? {} : { warning: true },
        });
      }
      continue;
    }
    findings.push({
      check: 'duplicate-object',
      path: object.path,
      error: withHint(
        generic(`${describe(object)} (${apiVersionOf(object)}) is also defined by ${earlier.path} (${where})`, 'metadata.name'),
        sameFile
          ? 'the API server keeps one object per name: on apply the later one silently replaces the earlier; rename one, or define it once'
          : 'applied to one cluster, one replaces the other: rename one, unless the files go to different clusters',
      ),
      ...sameFile ? {} : { warning: true },
    });
  }
  return findings;
}

const checkDuplicates: CrossCheck = {
  id: 'duplicate-object',
  condition: 'two objects with the same API group, kind, namespace and name: an error within a chart or an output file, a warning across output files (a chart per cluster)',
  severity: 'error or warning',
  example: [
    example('chart/hello', image('apps', {})),
    example('chart/copy', image('apps', {})),
  ],
  check: app => duplicates(app).filter(f => f.check === 'duplicate-object'),
};

const checkInstalledTwice: CrossCheck = {
  id: 'kpack-installed-twice',
  condition: 'two `Kpack` installs that write the same objects: an error in one output file, a warning across output files',
  severity: 'error or warning',
  example: [
    { ...example('chart/kpack/namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kpack' } }), facts: { install: 'chart/kpack' } },
    { ...example('chart/again/namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kpack' } }), facts: { install: 'chart/again' } },
  ],
  check: app => duplicates(app).filter(f => f.check === 'kpack-installed-twice'),
};

/** An image reference as the registry sees it (`index.docker.io/library/x:latest` for `x`). */
function pushedTag(tag: string): string | undefined {
  const ref = parseTag(tag);
  if (!ref) {
    return undefined;
  }
  const repository = ref.registry === 'index.docker.io' && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  return `${ref.registry}/${repository}:${ref.tag ?? 'latest'}`;
}

const checkSameTag: CrossCheck = {
  id: 'image-same-tag',
  condition: 'two Images push to the same tag: each build overwrites the other\'s image, and each Image rebuilds on the other\'s pushes',
  severity: 'warning',
  example: [
    example('chart/hello', image('apps', {})),
    example('chart/other', image('apps', {}, 'other')),
  ],
  check: app => {
    const first = new Map<string, AppObject>();
    const findings: Finding[] = [];
    for (const object of app.objects) {
      if (!isKpack(object) || kindOf(object) !== 'Image') {
        continue;
      }
      const tag = text(object.manifest.spec?.tag);
      const pushed = tag === undefined ? undefined : pushedTag(tag);
      if (pushed === undefined) {
        continue;
      }
      const earlier = first.get(pushed);
      if (earlier === undefined) {
        first.set(pushed, object);
      } else if (identityOf(earlier) !== identityOf(object)) {
        findings.push(finding('image-same-tag', object, withHint(
          generic(`${describe(earlier)} (${earlier.path}) pushes to the same tag ${tag}`, 'spec.tag'),
          'each build overwrites the other Image\'s latest image: give each Image its own tag',
        ), true));
      }
    }
    return findings;
  },
};

/** Every cross-object check, in the order docs/validation.md lists them. */
export const CROSS_CHECKS: readonly CrossCheck[] = [
  checkDuplicates,
  checkInstalledTwice,
  checkSameTag,
  checkServiceAccountNamespace,
  checkBuilderNamespace,
  checkSshCredentials,
];
