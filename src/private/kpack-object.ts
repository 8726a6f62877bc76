import { ApiObject, ApiObjectMetadata, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { registerAppChecks } from './checks/synth';
import { warnCredentialsInObject } from './credentials';
import { copyJson, sameJson } from './json';
import { RenderInputs, renderInputs, sameRenderInputs } from './render-inputs';
import { checkSchemaAfterRules } from './schema-check';
import { FieldError, formatFieldErrors, installsRegistered, kpackVersionOf, validateKpackObject } from './validation';
import { invalidValue, withHint } from './validation/field-error';

/** One kind of kpack object: what the library needs to know to write and check it. */
export interface KpackKind<S> {
  readonly apiVersion: string;
  readonly kind: string;
  /** Cluster-scoped kinds carry no namespace (cdk8s gives every object its chart's). */
  readonly clusterScoped: boolean;
  /** The generated function that writes the kind's typed spec with kpack's field names (`toJson_ImageSpec`). */
  readonly specToJson: (spec: S | undefined) => Record<string, any> | undefined;
}

export interface KpackObjectProps<S> {
  readonly metadata?: ApiObjectMetadata;
  /** The spec in the kind's generated type, produced at synth so that later additions are included. */
  readonly renderSpec: () => S;
  /** Checks that need more than the object's own manifest (the cross-object checks). Cheap: run at every validation. */
  readonly crossChecks?: () => FieldError[];
}

/** The `specToJson` of kinds with no generated types (kpack v0.0.8's): the spec is written as it is. */
export function plainSpec<S extends object>(spec: S | undefined): Record<string, any> | undefined {
  return spec && { ...spec };
}

interface Checked {
  readonly version: number;
  /** The kpack version whose rules were applied (that of the app's install). */
  readonly kpackVersion: string;
  readonly json: any;
  readonly problems: FieldError[];
  /** What the rendering was made of, when that is provable. */
  readonly inputs: RenderInputs | undefined;
}

/** The typed spec of the object's last rendering, kept by the spec's `Lazy` for the check that follows. */
interface Produced<S> {
  spec?: S;
}

/**
 * The one definition of a kpack object: a plain `ApiObject` (the construct `Resource` of its public
 * construct) whose spec renders through the generated `toJson_<Kind>Spec`, so that JSON patches and the
 * written YAML use kpack's field names (the generated L1 classes apply patches before renaming fields:
 * cdk8s-team/cdk8s#2172).
 *
 * Checking (kpack's rules on the rendered object, and the cross-object checks) happens once per synthesis,
 * not once per validation pass: cdk8s validates the whole app once per chart it writes, and a synthesis of
 * C charts would otherwise check every kpack object C + 1 times. Nothing of cdk8s is replaced: the object
 * keeps what it last checked and
 * - a validation that follows a clean one (no problems, the object unchanged through the library's own
 *   methods) returns at once; a failed check is always redone, so a fix is seen;
 * - writing (`toJson()`, called once per object per synthesis) writes the checked rendering when it is
 *   made of the same values (`RenderInputs`: the metadata and the typed spec, plain data under cdk8s's
 *   own resolvers); otherwise it renders afresh and checks kpack's rules again when the rendering or the
 *   app's kpack version differs from the checked one (a change the library cannot see, such as a `Lazy`
 *   over the app's own state, or a label added to the ApiObject). It always runs the cross-object checks
 *   again (the objects they read may have changed since), throwing any problem in cdk8s's validation
 *   format.
 * So a synthesis renders each object at most once (twice when its rendering cannot be compared by its
 * values: a token in the spec, or an app resolver of the user's) and runs its cross-object checks once or
 * twice, whatever the number of charts, however the synthesis is called (a jsii client, a subclass
 * overriding `Chart.toJson`).
 */
export class KpackObject<S> extends ApiObject {
  private version = 0;
  private checked: Checked | undefined;
  /** The version at which a whole validation (own rules and cross-object checks) found nothing. */
  private cleanVersion: number | undefined;
  private readonly crossChecks: () => FieldError[];
  /** Changed with a JSON patch: the rendering is also checked against the kind's schema. */
  private patched = false;
  /** Any JSON patch, the library's own included: the rendered metadata is then not `metadata.toJson()`. */
  private hasPatches = false;
  private readonly produced: Produced<S>;
  private readonly renderSpec: () => S;
  /** The kpack version of the app, and how many installs were registered when it was found. */
  private foundKpackVersion: { readonly installs: number; readonly kpackVersion: string } | undefined;

  constructor(private readonly owner: Construct, kind: KpackKind<S>, props: KpackObjectProps<S>) {
    const produced: Produced<S> = {};
    super(owner, 'Resource', {
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: props.metadata,
      spec: Lazy.any({
        produce: () => {
          produced.spec = props.renderSpec();
          return kind.specToJson(produced.spec);
        },
      }),
    });
    this.produced = produced;
    this.renderSpec = props.renderSpec;
    if (kind.clusterScoped) {
      if (this.metadata.namespace !== undefined) {
        super.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
        this.hasPatches = true;
      }
      const explicit = props.metadata?.namespace;
      if (explicit !== undefined) {
        owner.node.addValidation({
          validate: () => formatFieldErrors([withHint(
            invalidValue(explicit, 'metadata.namespace'),
            `${kind.kind} is cluster-scoped: remove metadata.namespace`,
          )]),
        });
      }
    }
    this.crossChecks = props.crossChecks ?? (() => []);
    owner.node.addValidation({
      validate: () => {
        if (this.cleanVersion === this.version) {
          return [];
        }
        const problems = [...this.ownProblems(), ...this.crossChecks()];
        this.cleanVersion = problems.length === 0 ? this.version : undefined;
        return formatFieldErrors(problems);
      },
    });
    registerAppChecks(owner);
  }

  /**
   * The rendering last checked while the object is unchanged, else a fresh one: what the app's
   * cross-object checks read.
   * @internal
   */
  public _rendered(): any {
    const checked = this.checked;
    if (checked !== undefined && checked.version === this.version && checked.kpackVersion === this.kpackVersion()) {
      return checked.json;
    }
    // Checked now, so that the object's own validation of this pass reuses the rendering.
    const json = super.toJson();
    this.check(json);
    return json;
  }

  /** Records a change made through the library's API, so that the next validation checks afresh. */
  public changed(): void {
    this.version++;
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.patched = true;
    this.hasPatches = true;
    this.changed();
  }

  public toJson(): any {
    const checked = this.checked;
    if (checked === undefined) {
      // never validated (a manifest read outside a synthesis): nothing to compare with
      return super.toJson();
    }
    const current = checked.version === this.version && checked.kpackVersion === this.kpackVersion();
    if (current && checked.inputs !== undefined && sameRenderInputs(checked.inputs, this, this.renderSpec())) {
      // Made of the same values as the checked rendering, so equal to it: written without rendering again.
      this.throwProblems(this.crossChecks());
      return copyJson(checked.json);
    }
    const json = super.toJson();
    const unchanged = current && sameJson(checked.json, json);
    this.throwProblems([...unchanged ? [] : this.check(json), ...this.crossChecks()]);
    return json;
  }

  /** Read at every validation pass, from construct metadata: found again only after an install is registered. */
  private kpackVersion(): string {
    const installs = installsRegistered();
    if (this.foundKpackVersion?.installs !== installs) {
      this.foundKpackVersion = { installs, kpackVersion: kpackVersionOf(this.owner) };
    }
    return this.foundKpackVersion.kpackVersion;
  }

  private throwProblems(problems: FieldError[]): void {
    if (problems.length > 0) {
      this.cleanVersion = undefined;
      const lines = formatFieldErrors(problems).map(line => `[${this.owner.node.path}] ${line}`);
      throw new Error(`Validation failed with the following errors:\n  ${lines.join('\n  ')}`);
    }
  }

  private ownProblems(): FieldError[] {
    const checked = this.checked;
    if (checked !== undefined && checked.version === this.version && checked.kpackVersion === this.kpackVersion()
      && checked.problems.length === 0) {
      return [];
    }
    return this.check(super.toJson());
  }

  /** Checks `json`, the rendering just made (the spec's `Lazy` has kept the typed spec it was made of). */
  private check(json: any): FieldError[] {
    const spec = this.produced.spec;
    this.produced.spec = undefined;
    const inputs = spec === undefined ? undefined : renderInputs(this, spec, this.hasPatches ? this.metadata.toJson() : json.metadata);
    const kpackVersion = this.kpackVersion();
    const ruleProblems = validateKpackObject(json, kpackVersion) ?? [];
    const problems = this.patched ? [...checkSchemaAfterRules(json, kpackVersion, ruleProblems), ...ruleProblems] : ruleProblems;
    // Credentials in a URL or an env var's value end up in plain text in this object: warn (redacted).
    warnCredentialsInObject(this.owner, json);
    this.checked = { version: this.version, kpackVersion, json, problems, inputs };
    return problems;
  }
}
