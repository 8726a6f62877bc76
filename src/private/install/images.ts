import { parseReference, parseTag } from '../image-reference';
import { ImageLockEntries } from './image-lock';
import { Drafts, ManifestObject } from './manifest';
import { FieldError, generic, invalidValue, withHint } from '../validation/field-error';

/** A place in a release object that holds an image reference. */
export interface ImageSlot {
  readonly origin: ManifestObject;
  /** JSON path inside the object. */
  readonly path: ReadonlyArray<string | number>;
  /** The component, from the last segment of the image's repository (`build-init`). */
  readonly component: string;
  readonly upstream: string;
}

const SLOTS = new WeakMap<readonly ManifestObject[], readonly ImageSlot[]>();

/**
 * Every image reference of a release: container images, controller env values named `*_IMAGE`
 * (kpack v0.0.8), ConfigMaps holding `data.image` and ClusterLifecycles (kpack v0.17). Found from the
 * data rather than listed per version, and cached with the release.
 */
export function imageSlots(release: readonly ManifestObject[]): readonly ImageSlot[] {
  let slots = SLOTS.get(release);
  if (!slots) {
    slots = Object.freeze(release.flatMap(findSlots));
    SLOTS.set(release, slots);
  }
  return slots;
}

function findSlots(object: ManifestObject): ImageSlot[] {
  const found: Array<{ path: Array<string | number>; ref: unknown }> = [];
  if (object.kind === 'Deployment') {
    (object.spec?.template?.spec?.containers ?? []).forEach((container: any, c: number) => {
      const base = ['spec', 'template', 'spec', 'containers', c];
      found.push({ path: [...base, 'image'], ref: container.image });
      (container.env ?? []).forEach((env: any, e: number) => {
        if (typeof env.name === 'string' && env.name.endsWith('_IMAGE') && env.value !== undefined) {
          found.push({ path: [...base, 'env', e, 'value'], ref: env.value });
        }
      });
    });
  } else if (object.kind === 'ConfigMap' && object.data?.image !== undefined) {
    found.push({ path: ['data', 'image'], ref: object.data.image });
  } else if (object.kind === 'ClusterLifecycle') {
    found.push({ path: ['spec', 'image'], ref: object.spec?.image });
  }
  return found.flatMap(({ path, ref }) => {
    const parsed = typeof ref === 'string' ? parseReference(ref) : undefined;
    if (!parsed) {
      return [];
    }
    const component = parsed.repository.split('/').pop()!;
    return [{ origin: object, path, component, upstream: ref as string }];
  });
}

/** What the props say about images. */
export interface ImageOptions {
  readonly registry?: string;
  /** Overrides by component (`build-init`), with the prop path that set each. */
  readonly overrides: ReadonlyArray<{ readonly component: string; readonly prop: string; readonly image: string }>;
  readonly lock?: ImageLockEntries;
}

/** An image of the install: where it comes from and the reference the install uses. */
export interface ResolvedImage {
  readonly component: string;
  readonly upstream: string;
  readonly image: string;
}

export interface ResolvedImages {
  readonly images: ResolvedImage[];
  readonly errors: FieldError[];
  readonly warnings: string[];
}

/**
 * Relocates, overrides and pins the images of the install, writing the new references into the
 * drafts. Slots of objects the install leaves out are skipped.
 */
export function applyImages(drafts: Drafts, slots: readonly ImageSlot[], options: ImageOptions, versionName: string): ResolvedImages {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const present = slots.filter(slot => drafts.indexOf(slot.origin) >= 0);
  const components = [...new Set(present.map(slot => slot.component))];
  const allComponents = new Set(slots.map(slot => slot.component));

  const registry = options.registry?.replace(/\/+$/, '');
  if (registry !== undefined && !validRegistry(registry)) {
    errors.push(withHint(invalidValue(options.registry, 'imageRegistry'),
      'a registry host with an optional path, without scheme or tag, e.g. registry.example.com/kpack'));
  }

  const overrides = new Map<string, string>();
  for (const override of options.overrides) {
    if (!allComponents.has(override.component)) {
      errors.push(generic(`kpack ${versionName} has no ${override.component} image`, override.prop));
      continue;
    }
    if (!parseReference(override.image)) {
      errors.push(withHint(invalidValue(override.image, override.prop), 'an image reference: registry/repository:tag or registry/repository@sha256:…'));
    }
    overrides.set(override.component, override.image);
  }

  const pins = readLock(options.lock, errors);
  const usedPins = new Set<string>();

  const images = components.map(component => {
    const upstream = present.find(slot => slot.component === component)!.upstream;
    const override = overrides.get(component);
    let image = override ?? (registry !== undefined && validRegistry(registry) ? relocate(upstream, registry, component) : upstream);
    // A release pins digests, and pushes each image under the version's tag too: lock keys name that tag.
    const candidates = override !== undefined ? [image] : [image, upstream].map(ref => versionTag(ref, versionName));
    for (const candidate of candidates) {
      const key = lockKey(candidate);
      const digest = key !== undefined ? pins.get(key) : undefined;
      if (digest !== undefined) {
        usedPins.add(key!);
        image = `${repositoryOf(image)}@${digest}`;
        break;
      }
    }
    return { component, upstream, image };
  });

  for (const slot of present) {
    const resolved = images.find(i => i.component === slot.component)!;
    if (resolved.image !== slot.upstream) {
      setPath(drafts.edit(drafts.indexOf(slot.origin)), slot.path, resolved.image);
    }
  }

  const unused = [...pins.keys()].filter(key => !usedPins.has(key));
  if (unused.length > 0 && images.length > 0) {
    warnings.push(`imageLock pins images this install does not use: ${unused.join(', ')}`);
  }
  const unpinned = images.filter(i => lockKey(i.image) !== undefined).map(i => i.image);
  if (unpinned.length > 0) {
    warnings.push(`${unpinned.length} kpack image${unpinned.length === 1 ? ' is a tag reference' : 's are tag references'} without a digest, ` +
      `so what runs can change under the same tag: ${unpinned.join(', ')}. Pin them with imageLock (see docs/install.md)`);
  }
  return { images, errors, warnings };
}

/** `registry/component` with the upstream tag or digest. */
function relocate(upstream: string, registry: string, component: string): string {
  const parsed = parseReference(upstream)!;
  return parsed.digest !== undefined ? `${registry}/${component}@${parsed.digest}` : `${registry}/${component}:${parsed.tag ?? 'latest'}`;
}

function validRegistry(registry: string): boolean {
  return registry !== '' && !registry.includes('://') && !registry.includes('@') && parseTag(`${registry}/kpack:tag`) !== undefined;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

function readLock(lock: ImageLockEntries | undefined, errors: FieldError[]): Map<string, string> {
  const pins = new Map<string, string>();
  if (!lock) {
    return pins;
  }
  errors.push(...lock.problems);
  for (const entry of lock.entries) {
    const key = lockKey(entry.image);
    if (key === undefined) {
      errors.push(withHint(invalidValue(entry.image, 'imageLock'), 'lock keys are image references with a tag, e.g. ghcr.io/buildpacks-community/kpack/controller:0.18.0'));
    } else if (!DIGEST.test(entry.digest)) {
      errors.push(withHint(invalidValue(entry.digest, `imageLock[${entry.image}]`), 'a digest is sha256: followed by 64 lowercase hex digits, as `crane digest` prints it'));
    } else {
      pins.set(key, entry.digest);
    }
  }
  return pins;
}

/** `registry/repository:tag` of a tag reference, normalized; undefined for a digest reference. */
function lockKey(ref: string): string | undefined {
  if (ref.includes('@')) {
    return undefined;
  }
  const parsed = parseTag(ref);
  return parsed ? `${parsed.registry}/${parsed.repository}:${parsed.tag ?? 'latest'}` : undefined;
}

/** A reference without its tag or digest, as written. */
function repositoryOf(ref: string): string {
  const at = ref.indexOf('@');
  if (at >= 0) {
    return ref.slice(0, at);
  }
  const parsed = parseTag(ref);
  return parsed?.tag !== undefined ? ref.slice(0, ref.length - parsed.tag.length - 1) : ref;
}

/** A digest reference as the tag the release pushed it under (`repository:<version>`); a tag reference as it is. */
function versionTag(ref: string, version: string): string {
  return ref.includes('@') ? `${repositoryOf(ref)}:${version}` : ref;
}

function setPath(target: any, path: ReadonlyArray<string | number>, value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node = node[key];
  }
  node[path[path.length - 1]] = value;
}
