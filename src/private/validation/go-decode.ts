import * as fs from 'fs';
import * as path from 'path';
import { compareStrings, decodeError, FieldError } from './field-error';
import { quantityDecodeError } from './quantities';

/**
 * Decoding as kpack's defaulting webhook does: Go's `json.Unmarshal` of the object (keys sorted, as the API
 * server sends it) into the kind's Go type. A value of the wrong JSON type is Go's `UnmarshalTypeError`,
 * in Go's words (`json: cannot unmarshal number into Go struct field ImageSpec.spec.tag of type string`);
 * Go keeps decoding after one and returns the first. A value a type's own `UnmarshalJSON` refuses (a
 * quantity, a timestamp that is not a string) stops the decoding, and is the error whatever came before.
 *
 * The Go types are kpack's, as its code defines them: `assets/kpack/go-types-<version>.json`, written by the
 * oracles' `goTypes` op (`npm run gotypes:generate`) and compared with them by the conformance tests.
 */

/** One Go type as encoding/json decodes into it (`conformance/oracle/gotypes.go`). */
interface GoType {
  /** `reflect.Type.String()`, as Go's errors name the type. */
  readonly go: string;
  readonly kind: 'string' | 'bool' | 'int' | 'uint' | 'float' | 'slice' | 'array' | 'map' | 'struct' | 'any' | 'bytes' | 'json' | 'text' | 'unsupported';
  readonly bits?: number;
  /** The element type of a slice, array or map. */
  readonly elem?: string;
  /** A struct's name, as Go's errors name the struct that holds a field. */
  readonly struct?: string;
  /**
   * A struct's fields as encoding/json sees them (embedded structs flattened): `[json name, type id, ...the
   * Go names of the embedded fields it is reached through]` (Go 1.24+ names them in its errors).
   */
  readonly fields?: ReadonlyArray<readonly string[]>;
}

interface GoTypes {
  /** The type of each kind, by `apiVersion/kind`. */
  readonly kinds: Readonly<Record<string, string>>;
  readonly types: Readonly<Record<string, GoType>>;
}

/** A struct's fields by exact name, and by Go's folded name (encoding/json's case-insensitive match). */
interface FieldIndex {
  readonly exact: ReadonlyMap<string, readonly string[]>;
  readonly folded: ReadonlyMap<string, readonly string[]>;
}

const loaded = new Map<string, { readonly types: GoTypes; readonly fields: Map<string, FieldIndex> }>();

/** The Go types of a kpack version (`0.17.2`), read once per process. */
function goTypesOf(version: string) {
  let entry = loaded.get(version);
  if (entry === undefined) {
    const file = path.join(__dirname, '..', '..', '..', 'assets', 'kpack', `go-types-${version}.json`);
    entry = { types: JSON.parse(fs.readFileSync(file, 'utf8')), fields: new Map() };
    loaded.set(version, entry);
  }
  return entry;
}

/**
 * Go's fold of a field name (`foldName`): ASCII letters upper-cased, and the two other runes whose fold
 * set holds an ASCII letter (`ſ`, the Kelvin sign); no other rune folds to a letter of kpack's names.
 * (Not `toUpperCase()`: it writes `ß` as `SS` and `ı` as `I`, which Go does not match.)
 */
export function foldName(name: string): string {
  return name.replace(/[a-z\u017f\u212a]/g, c => (c === '\u017f' ? 'S' : c === '\u212a' ? 'K' : c.toUpperCase()));
}

/** A struct's fields by name and by folded name, built once per type. */
function fieldIndex(fields: Map<string, FieldIndex>, id: string, type: GoType): FieldIndex {
  let index = fields.get(id);
  if (index === undefined) {
    const exact = new Map<string, readonly string[]>();
    const folded = new Map<string, readonly string[]>();
    for (const field of type.fields ?? []) {
      exact.set(field[0], field);
      // The first field of a folded name wins, as in encoding/json.
      const name = foldName(field[0]);
      if (!folded.has(name)) {
        folded.set(name, field);
      }
    }
    index = { exact, folded };
    fields.set(id, index);
  }
  return index;
}

/** The JSON type of a value as Go names it in an `UnmarshalTypeError`. */
function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return Array.isArray(value) ? 'array' : 'object';
}

const INT_LITERAL = /^-?(0|[1-9][0-9]*)$/;

/** Whether a JSON number literal fits Go's integer kind of `bits` bits (`strconv.ParseInt`/`ParseUint`, then overflow). */
function fitsInteger(literal: string, signed: boolean, bits: number): boolean {
  if (!INT_LITERAL.test(literal) || (!signed && literal.startsWith('-'))) {
    return false;
  }
  const n = BigInt(literal);
  const width = BigInt(bits);
  return signed ? n >= -(2n ** (width - 1n)) && n < 2n ** (width - 1n) : n < 2n ** width;
}

class Decoder {
  /** Go's error context: the struct whose field is being decoded, and the JSON names of the fields down to it. */
  private struct: string | undefined;
  private readonly stack: string[] = [];
  /** Where the decoder is in the object: keys and list indexes (for the hint). */
  private readonly at: Array<string | number> = [];
  private saved: FieldError | undefined;
  /** A key matched its field only by Go's case-insensitive match (`Tag` for `tag`). */
  public folded = false;

  /**
   * @param sorted walk keys in sorted order, as Go meets them: needed only to tell which of several errors
   * is the first, so a first walk in the object's own order finds whether there is any.
   */
  constructor(private readonly types: GoTypes, private readonly fields: Map<string, FieldIndex>, private readonly sorted: boolean) {}

  /** The first error Go returns for `object` decoded into type `id`, if any. */
  public decode(object: unknown, id: string): FieldError | undefined {
    return this.value(object, id) ?? this.saved;
  }

  /** Decodes one value; returns an error that stops the decoding, and saves the first type error. */
  private value(value: unknown, id: string): FieldError | undefined {
    const type = this.types.types[id];
    if (value === null || value === undefined || type === undefined) {
      // null leaves any Go value as it is; JSON has no undefined (a value JavaScript leaves out).
      return undefined;
    }
    switch (type.kind) {
      case 'json': return this.unmarshaler(value, type);
      case 'string': return typeof value === 'string' ? undefined : this.mismatch(jsonKind(value), type);
      case 'bool': return typeof value === 'boolean' ? undefined : this.mismatch(jsonKind(value), type);
      case 'int':
      case 'uint':
        if (typeof value !== 'number') {
          return this.mismatch(jsonKind(value), type);
        }
        // A number JSON cannot write (NaN, Infinity) is written as null.
        return !Number.isFinite(value) || fitsInteger(JSON.stringify(value), type.kind === 'int', type.bits ?? 64)
          ? undefined : this.mismatch(`number ${JSON.stringify(value)}`, type);
      case 'float':
        return typeof value === 'number' ? undefined : this.mismatch(jsonKind(value), type);
      case 'bytes':
        // base64 text: kpack's kinds hold no []byte field.
        return typeof value === 'string' ? undefined : this.mismatch(jsonKind(value), type);
      case 'slice':
      case 'array':
        if (!Array.isArray(value)) {
          return this.mismatch(jsonKind(value), type);
        }
        for (let i = 0; i < value.length; i++) {
          this.at.push(i);
          const stop = this.value(value[i], type.elem!);
          if (stop) return stop;
          this.at.pop();
        }
        return undefined;
      case 'map':
        if (typeof value !== 'object' || Array.isArray(value)) {
          return this.mismatch(jsonKind(value), type);
        }
        for (const key of this.keys(value as object)) {
          this.at.push(key);
          const stop = this.value((value as Record<string, unknown>)[key], type.elem!);
          if (stop) return stop;
          this.at.pop();
        }
        return undefined;
      case 'struct':
        return typeof value === 'object' && !Array.isArray(value) ? this.object(value as Record<string, unknown>, id, type) : this.mismatch(jsonKind(value), type);
      default:
        // An interface takes any value; a text unmarshaler or another kind is in none of kpack's kinds.
        return undefined;
    }
  }

  private keys(value: object): string[] {
    const keys = Object.keys(value);
    return this.sorted ? keys.sort(compareStrings) : keys;
  }

  private object(value: Record<string, unknown>, id: string, type: GoType): FieldError | undefined {
    const index = fieldIndex(this.fields, id, type);
    for (const key of this.keys(value)) {
      // An unknown field is ignored by the defaulting webhook (and dropped with its JSON patch).
      let field = index.exact.get(key);
      if (field === undefined) {
        field = index.folded.get(foldName(key));
        if (field === undefined) {
          continue;
        }
        this.folded = true;
      }
      const outer = this.struct;
      const depth = this.stack.length;
      // The embedded fields on the way (field[2...]), then the field's JSON name.
      for (let i = 2; i < field.length; i++) this.stack.push(field[i]);
      this.stack.push(field[0]);
      this.at.push(key);
      this.struct = type.struct;
      const stop = this.value(value[key], field[1]);
      if (stop) return stop;
      this.at.pop();
      this.stack.length = depth;
      this.struct = outer;
    }
    return undefined;
  }

  /** A type with its own `UnmarshalJSON`: those of kpack's kinds, as apimachinery and knative write them. */
  private unmarshaler(value: unknown, type: GoType): FieldError | undefined {
    switch (type.go) {
      case 'resource.Quantity': {
        const error = quantityDecodeError(value);
        return error === undefined ? undefined : decodeError(error, this.fieldPath());
      }
      case 'v1.Time':
      case 'v1alpha1.VolatileTime':
        // metav1.Time decodes a string with json.Unmarshal first: another JSON type is its type error, which
        // stops the decoding. (A string that is no RFC 3339 time is not checked here.)
        return typeof value === 'string' ? undefined : decodeError(this.typeErrorText(jsonKind(value), 'string'), this.fieldPath());
      default:
        // metav1.FieldsV1 keeps any JSON.
        return undefined;
    }
  }

  private mismatch(jsonValue: string, type: GoType): undefined {
    this.saved ??= decodeError(this.typeErrorText(jsonValue, type.go), this.fieldPath());
    return undefined;
  }

  /** The path of the value being decoded, as the library's messages write it (`spec.build.env[1].name`). */
  private fieldPath(): string {
    return this.at.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
  }

  /** `UnmarshalTypeError.Error()`, with the context Go's decoder adds. */
  private typeErrorText(jsonValue: string, goType: string): string {
    return this.struct !== undefined || this.stack.length > 0
      ? `json: cannot unmarshal ${jsonValue} into Go struct field ${this.struct ?? ''}.${this.stack.join('.')} of type ${goType}`
      : `json: cannot unmarshal ${jsonValue} into Go value of type ${goType}`;
  }
}

/** What decoding gave: the one error, or the object as kpack's types read it. */
export interface Decoded<T> {
  readonly errors: FieldError[];
  /**
   * The object with each key that Go matched to a field without regard to case written as the field's
   * name (`Tag` as `tag`): what kpack's rules see (its defaulting webhook writes the object back so).
   * The object itself when no key needed it.
   */
  readonly object: T;
}

/**
 * What kpack `version`'s webhook says when it decodes `object` (of `apiVersion/kind` `kind`): the one
 * decoding error, or nothing, and the object as kpack's types read it. Kinds without Go types here decode
 * without error, as they are.
 */
export function decodeAsKpack<T>(object: T, version: string, kind: string): Decoded<T> {
  const { types, fields } = goTypesOf(version);
  const id = types.kinds[kind];
  if (id === undefined) {
    return { errors: [], object };
  }
  // Which error is the first depends on the order of the keys: only a walk that found one walks them sorted.
  const decoder = new Decoder(types, fields, false);
  const found = decoder.decode(object, id);
  const error = found && new Decoder(types, fields, true).decode(object, id);
  if (error) {
    return { errors: [error], object };
  }
  return { errors: [], object: decoder.folded ? new KeyNamer(types, fields).value(object, id) as T : object };
}

/** Writes the keys Go matched without regard to case as their fields' names. */
class KeyNamer {
  constructor(private readonly types: GoTypes, private readonly fields: Map<string, FieldIndex>) {}

  public value(value: unknown, id: string): unknown {
    const type = this.types.types[id];
    if (value === null || typeof value !== 'object' || type === undefined) {
      return value;
    }
    if (Array.isArray(value)) {
      return type.kind === 'slice' || type.kind === 'array' ? value.map(item => this.value(item, type.elem!)) : value;
    }
    const record = value as Record<string, unknown>;
    if (type.kind === 'map') {
      return Object.fromEntries(Object.keys(record).map(key => [key, this.value(record[key], type.elem!)]));
    }
    if (type.kind !== 'struct') {
      return value;
    }
    const index = fieldIndex(this.fields, id, type);
    const fieldOf = (key: string) => index.exact.get(key) ?? index.folded.get(foldName(key));
    // Keys that reach one field: Go decodes each into it in turn (merging objects). Those are left as written.
    const keysPerField = new Map<string, number>();
    for (const key of Object.keys(record)) {
      const field = fieldOf(key);
      if (field) keysPerField.set(field[0], (keysPerField.get(field[0]) ?? 0) + 1);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      const field = fieldOf(key);
      const name = field && keysPerField.get(field[0]) === 1 ? field[0] : key;
      // defineProperty: a key named __proto__ stays data.
      const named = field ? this.value(record[key], field[1]) : record[key];
      Object.defineProperty(out, name, { value: named, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}
