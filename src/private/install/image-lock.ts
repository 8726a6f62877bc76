import { parseDocument } from 'yaml';
import { FieldError, generic, invalidValue } from '../validation/field-error';

/** One pin: an image reference with a tag, and the digest it resolves to. */
export interface ImageLockEntry {
  readonly image: string;
  readonly digest: string;
}

/** The pins of an `ImageLock`, and what was wrong with its input (reported at synth). */
export interface ImageLockEntries {
  readonly entries: readonly ImageLockEntry[];
  readonly problems: readonly FieldError[];
}

/** The annotation kbld and imgpkg write on each ImagesLock entry: the reference it was resolved from. */
const KBLD_ID = 'kbld.carvel.dev/id';

/** Reads an imgpkg `ImagesLock` (`imgpkg.carvel.dev/v1alpha1`). */
export function parseImageLock(text: string): ImageLockEntries {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return { entries: [], problems: [generic(`the ImagesLock is not YAML: ${document.errors[0].message.split('\n')[0]}`, 'imageLock')] };
  }
  const lock = document.toJS() as any;
  if (lock?.kind !== 'ImagesLock' || !Array.isArray(lock.images)) {
    return { entries: [], problems: [generic(`expected an imgpkg ImagesLock (kind: ImagesLock, images: [...]), got kind ${String(lock?.kind)}`, 'imageLock')] };
  }
  const entries: ImageLockEntry[] = [];
  const problems: FieldError[] = [];
  lock.images.forEach((item: any, index: number) => {
    const id = item?.annotations?.[KBLD_ID];
    if (typeof id !== 'string') {
      return;
    }
    const image = String(item.image ?? '');
    const at = image.lastIndexOf('@');
    if (at < 0) {
      problems.push(invalidValue(image, `imageLock.images[${index}].image`, 'an ImagesLock entry must be a digest reference (repository@sha256:…)'));
      return;
    }
    entries.push({ image: id, digest: image.slice(at + 1) });
  });
  return { entries, problems };
}
