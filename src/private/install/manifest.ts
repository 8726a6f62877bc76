/** An object of a release manifest: plain JSON. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: any };
  readonly [key: string]: any;
}

/** A manifest object being edited: a deep copy, so the frozen release cache is never touched. */
export type Draft = Record<string, any>;

interface Entry {
  /** The release object this entry comes from; undefined for objects an option adds. */
  readonly origin: ManifestObject | undefined;
  object: ManifestObject | Draft;
  copied: boolean;
}

/**
 * The objects of one install, copied on first write: objects no option touches stay the frozen,
 * shared objects of the release cache.
 */
export class Drafts {
  private readonly entries: Entry[];

  constructor(objects: readonly ManifestObject[]) {
    this.entries = objects.map(object => ({ origin: object, object, copied: false }));
  }

  /** The index of a release object, or -1 when the install leaves it out. */
  public indexOf(origin: ManifestObject): number {
    return this.entries.findIndex(entry => entry.origin === origin);
  }

  /** The index of the first object of `kind` named `name`, or -1. */
  public find(kind: string, name: string): number {
    return this.entries.findIndex(entry => entry.object.kind === kind && entry.object.metadata.name === name);
  }

  /** The object at `index`, read-only. */
  public read(index: number): ManifestObject {
    return this.entries[index].object as ManifestObject;
  }

  /** The object at `index`, copied (once) for writing. */
  public edit(index: number): Draft {
    const entry = this.entries[index];
    if (!entry.copied) {
      entry.object = structuredClone(entry.object);
      entry.copied = true;
    }
    return entry.object;
  }

  /** Inserts an object an option adds before `index`. */
  public insert(index: number, object: Draft): void {
    this.entries.splice(index, 0, { origin: undefined, object, copied: true });
  }

  /** Every object with the release object it comes from, in order. */
  public all(): Array<{ readonly origin: ManifestObject | undefined; readonly object: ManifestObject }> {
    return this.entries.map(entry => ({ origin: entry.origin, object: entry.object as ManifestObject }));
  }

  public get length(): number {
    return this.entries.length;
  }
}
