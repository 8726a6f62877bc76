import { CredentialKind } from '../../credential-kind';
import { parseTag } from '../image-reference';
import { isSshGitUrl } from '../source';
import { apiVersionOf, AppIndex, AppObject, describe, Finding, groupOf, identityOf, isKpack, kindOf, Manifest, nameOf, namespaceOf, secretValue, text } from './objects';
import { FieldError, generic, invalidValue, withHint } from '../validation/field-error';

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

/**
 * A source that needs a kind of credentials, with a service account the app defines: every secret of it
 * known (declared to the library, or a Secret of the app) and none of that kind fails; an account the
 * app does not define gets a warning.
 */
type Say = (source: string, account: string) => string;

function credentialCheck(id: string, kind: CredentialKind, needs: (owner: AppObject) => string | undefined,
  error: Say, hint: string, warning: Say): (app: AppIndex) => Finding[] {
  return app => app.objects.flatMap(owner => {
    const source = needs(owner);
    const account = source === undefined ? undefined : serviceAccountOf(owner);
    if (source === undefined || !account) {
      return [];
    }
    const defined = app.find('ServiceAccount', account.name, namespaceOf(owner), '');
    if (defined === undefined) {
      // Defined in another namespace: service-account-namespace reports it.
      return app.named('ServiceAccount', account.name).some(o => groupOf(o) === '') ? [] : [finding(id, owner, generic(warning(source, account.name)), true)];
    }
    const kinds = app.secretKindsOf(defined);
    if (kinds === undefined || kinds.includes(kind)) {
      return [];
    }
    return [finding(id, owner, withHint(generic(error(source, account.name), account.field), hint))];
  });
}

const checkSshCredentials: CrossCheck = {
  id: 'ssh-credentials',
  condition: 'an Image or Build clones an ssh git URL with a service account of the app whose secrets are all known and none is an ssh git secret (`kpack.io/git` on a kubernetes.io/ssh-auth Secret); a warning when the app does not define the account',
  severity: 'error or warning',
  example: [
    example('chart/sa', serviceAccount('builds', 'apps')),
    example('chart/hello', image('apps', { serviceAccountName: 'builds', source: { git: { url: 'git@github.com:example/private.git', revision: 'main' } } })),
  ],
  check: credentialCheck('ssh-credentials', CredentialKind.GIT_SSH, owner => {
    const url = gitUrlOf(owner);
    return url !== undefined && isSshGitUrl(url) ? url : undefined;
  },
  (url, account) => `the source ${url} is cloned over ssh, but service account "${account}" holds no ssh git credentials`,
  'add RegistryCredentials.gitSsh(...) to the service account with addTo()',
  (url, account) => `the source ${url} is cloned over ssh: make sure the service account "${account}" holds an ssh git secret (RegistryCredentials.gitSsh)`),
};

const checkBlobCredentials: CrossCheck = {
  id: 'blob-credentials',
  condition: 'an Image or Build downloads a blob with `auth: secret` and a service account of the app whose secrets are all known and none is a blob secret (`kpack.io/blob`); a warning when the app does not define the account',
  severity: 'error or warning',
  example: [
    example('chart/sa', serviceAccount('builds', 'apps')),
    example('chart/hello', image('apps', { serviceAccountName: 'builds', source: { blob: { url: 'https://storage.example.com/app.zip', auth: 'secret' } } })),
  ],
  check: credentialCheck('blob-credentials', CredentialKind.BLOB_BASIC_AUTH, owner => {
    const blob = groupOf(owner) === 'kpack.io' && ['Image', 'Build'].includes(kindOf(owner)) ? owner.manifest.spec?.source?.blob : undefined;
    return text(blob?.auth) === 'secret' ? text(blob?.url) ?? '' : undefined;
  },
  (url, account) => `the blob ${url} is downloaded with a secret, but service account "${account}" holds no blob credentials`,
  'add RegistryCredentials.blobBasicAuth(...) to the service account with addTo(), or leave auth out for a public blob',
  (url, account) => `the blob ${url} is downloaded with a secret: make sure the service account "${account}" holds a blob secret (RegistryCredentials.blobBasicAuth)`),
};

/** The findings of `duplicates`, which two checks share, once per index. */
const DUPLICATES = new WeakMap<AppIndex, Finding[]>();

/** Objects of one install that others duplicate are reported once, as the install twice. */
function duplicates(app: AppIndex): Finding[] {
  let findings = DUPLICATES.get(app);
  if (findings === undefined) {
    findings = findDuplicates(app);
    DUPLICATES.set(app, findings);
  }
  return findings;
}

function findDuplicates(app: AppIndex): Finding[] {
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
  condition: 'two Images push to the same tag (the registry\'s defaults written out: `team/app` is `index.docker.io/team/app:latest`): each build overwrites the image the other pushed, so the tag holds whichever built last',
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

// apimachinery's IsDNS1123Subdomain and IsDNS1123Label, as the API server applies them to metadata.name.
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const SUBDOMAIN_DETAILS = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_DETAILS = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** The name rule the API server applies to a kind (those checked here), or undefined. */
function nameRule(object: AppObject): { pattern: RegExp; max: number; details: string; what: string } | undefined {
  if (kindOf(object) === 'Namespace' && groupOf(object) === '') {
    return { pattern: new RegExp(`^${DNS1123_LABEL}$`), max: 63, details: LABEL_DETAILS, what: 'a DNS label' };
  }
  if (isKpack(object) || (groupOf(object) === '' && ['Secret', 'ServiceAccount'].includes(kindOf(object)))) {
    return { pattern: new RegExp(`^${DNS1123_SUBDOMAIN}$`), max: 253, details: SUBDOMAIN_DETAILS, what: 'a DNS subdomain' };
  }
  return undefined;
}

const checkNames: CrossCheck = {
  id: 'object-name',
  condition: 'metadata.name (given or generated) is not a lowercase RFC 1123 subdomain (every kpack kind, Secret, ServiceAccount: at most 253 characters) or label (Namespace: at most 63), or is empty without a generateName: the API server refuses the object',
  severity: 'error',
  example: [example('chart/hello', image('apps', {}, 'Hello_App'))],
  check: app => app.objects.flatMap(object => {
    const rule = nameRule(object);
    const name = nameOf(object);
    if (!rule) {
      return [];
    }
    const hint = `the API server refuses a ${kindOf(object)} whose name is not ${rule.what}: use lowercase letters, digits and '-'${rule.what === 'a DNS label' ? '' : " (and '.')"}`;
    if (name === '') {
      // apimachinery's ValidateObjectMeta: the server names an object from generateName, else it needs a name.
      return typeof object.manifest.metadata?.generateName === 'string'
        ? []
        : [finding('object-name', object, withHint(generic('Required value: name or generateName is required', 'metadata.name'), hint))];
    }
    if (name.length > rule.max) {
      return [finding('object-name', object, withHint(invalidValue(name, 'metadata.name', `must be no more than ${rule.max} characters`), hint))];
    }
    return rule.pattern.test(name) ? [] : [finding('object-name', object, withHint(invalidValue(name, 'metadata.name', rule.details), hint))];
  }),
};

/** The tags an object pushes to, with their fields. */
function pushedTags(object: AppObject): Array<{ tag: string; field: string }> {
  if (!isKpack(object)) {
    return [];
  }
  const spec = object.manifest.spec;
  if (kindOf(object) === 'Build') {
    return (Array.isArray(spec?.tags) ? spec.tags : []).flatMap((tag: unknown, i: number) => typeof tag === 'string' ? [{ tag, field: `spec.tags[${i}]` }] : []);
  }
  const tag = ['Image', 'Builder', 'ClusterBuilder'].includes(kindOf(object)) ? text(spec?.tag) : undefined;
  return tag ? [{ tag, field: 'spec.tag' }] : [];
}

const checkLibraryTag: CrossCheck = {
  id: 'tag-docker-library',
  condition: "a tag of one component (`hello`): Docker Hub's `library/hello`, where only Docker publishes, so every push is refused (`user/app` is fine)",
  severity: 'warning',
  example: [example('chart/hello', image('apps', { tag: 'hello' }))],
  check: app => app.objects.flatMap(object => pushedTags(object).flatMap(({ tag, field }) => {
    const ref = parseTag(tag);
    return ref && ref.registry === 'index.docker.io' && !ref.repository.includes('/')
      ? [finding('tag-docker-library', object, withHint(
        generic(`the tag ${tag} is Docker Hub's library/${ref.repository}, where only Docker publishes`, field),
        `write the registry and repository: docker.io/<user>/${ref.repository}, or registry.example.com/<team>/${ref.repository}`,
      ), true)]
      : [];
  })),
};

/** Docker Hub under each of its names, as kpack matches credentials to it. */
const DOCKER_HUB = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** A registry as written in a credential (`https://index.docker.io/v1/`, `gcr.io`): its host. */
function registryHost(registry: string): string {
  const host = registry.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return DOCKER_HUB.has(host) ? 'index.docker.io' : host;
}

/** The registries of a dockerconfigjson Secret (its `auths` keys; never its values). */
function dockerConfigRegistries(manifest: Manifest): string[] | undefined {
  const plain = secretValue(manifest, '.dockerconfigjson');
  try {
    const auths = plain === undefined ? undefined : JSON.parse(plain)?.auths;
    return auths !== null && typeof auths === 'object' ? Object.keys(auths) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The registries the app's registry credentials are for, or undefined when one cannot be read (a
 * credential referenced by name, whose registry the app does not say).
 */
function credentialRegistries(app: AppIndex): Set<string> | undefined {
  const registries = new Set<string>();
  for (const object of app.objects) {
    if (groupOf(object) !== '') {
      continue;
    }
    if (kindOf(object) === 'Secret') {
      // kpack.io/docker, or build.pivotal.io/docker on kpack v0.0.8.
      const annotations = object.manifest.metadata?.annotations;
      const docker = text(annotations?.['kpack.io/docker']) ?? text(annotations?.['build.pivotal.io/docker']);
      if (docker !== undefined) {
        registries.add(registryHost(docker));
      }
      if (text(object.manifest.type) === 'kubernetes.io/dockerconfigjson') {
        const auths = dockerConfigRegistries(object.manifest);
        if (auths === undefined) {
          return undefined;
        }
        auths.forEach(registry => registries.add(registryHost(registry)));
      }
    }
    if (kindOf(object) === 'ServiceAccount') {
      for (const [name, kind] of object.facts?.secretKinds ?? []) {
        if (kind.startsWith('DOCKER_') && app.find('Secret', name, namespaceOf(object), '') === undefined) {
          return undefined;
        }
      }
    }
  }
  return registries;
}

const checkDefaultAccount: CrossCheck = {
  id: 'image-default-service-account',
  condition: "an Image builds with its namespace's `default` service account, and no registry credentials of the app are for its tag's registry: kpack cannot push unless that account has them",
  severity: 'warning',
  example: [example('chart/hello', image('apps', {}))],
  check: app => {
    let registries: Set<string> | undefined | null = null;
    return app.objects.flatMap(object => {
      const account = isKpack(object) && kindOf(object) === 'Image' ? serviceAccountOf(object) : undefined;
      const ref = account?.name === 'default' ? parseTag(text(object.manifest.spec?.tag) ?? '') : undefined;
      // A tag that is no image reference (a URL) is the image-tag rule's error, not a registry to push to.
      if (!account || !ref || !/^[a-z0-9.-]+(:\d+)?$/i.test(ref.registry)) {
        return [];
      }
      const defined = app.find('ServiceAccount', 'default', namespaceOf(object), '');
      if (defined !== undefined && app.secretKindsOf(defined) === undefined) {
        return [];
      }
      registries = registries === null ? credentialRegistries(app) : registries;
      if (registries === undefined || registries.has(registryHost(ref.registry))) {
        return [];
      }
      return [finding('image-default-service-account', object, withHint(
        generic(`the Image pushes to ${ref.registry} with the "default" service account, and no credentials in the app are for ${ref.registry}`, account.field),
        'kpack pushes with the secrets of the Image\'s service account: give it a serviceAccount holding RegistryCredentials for the registry, or make sure the default one has them',
      ), true)];
    });
  },
};

/** A commit (7 to 40 hex digits) or a tag (`refs/tags/…`, `v1.2.3`): what a one-off build pins. */
function pinnedRevision(revision: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(revision) || revision.startsWith('refs/tags/') || /^v?\d+(\.\d+)+/.test(revision);
}

const checkBuildRevision: CrossCheck = {
  id: 'build-branch-revision',
  condition: 'a Build (built once) whose git revision looks like a branch (not a commit sha or a version tag): what it builds depends on when its pod clones',
  severity: 'warning',
  example: [example('chart/build', {
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Build',
    metadata: { name: 'once', namespace: 'apps' },
    spec: { tags: ['registry.example.com/apps/once'], source: { git: { url: 'https://github.com/example/app', revision: 'main' } } },
  })],
  check: app => app.objects.flatMap(object => {
    const revision = groupOf(object) === 'kpack.io' && kindOf(object) === 'Build' ? text(object.manifest.spec?.source?.git?.revision) : undefined;
    return revision !== undefined && revision !== '' && !pinnedRevision(revision)
      ? [finding('build-branch-revision', object, withHint(
        generic(`revision ${revision} looks like a branch: a Build builds once, the commit the branch points to when its pod clones it`, 'spec.source.git.revision'),
        'pin a commit sha for a build you can repeat, or use a BuildImage, which follows the branch and rebuilds on new commits',
      ), true)]
      : [];
  }),
};

/** Every cross-object check, in the order docs/validation.md lists them. */
export const CROSS_CHECKS: readonly CrossCheck[] = [
  checkDuplicates,
  checkInstalledTwice,
  checkSameTag,
  checkNames,
  checkServiceAccountNamespace,
  checkBuilderNamespace,
  checkSshCredentials,
  checkBlobCredentials,
  checkDefaultAccount,
  checkLibraryTag,
  checkBuildRevision,
];
