/**
 * Renders kpack's ytt templates (`config/*.yaml` of a kpack tag) into a release manifest, the way
 * kpack's release job does (`ytt -f config/ -v controller.image=… -v kpack_version=…`), without ytt:
 *
 * - every template file except `schema.yaml`, in file-name order;
 * - `#@ data.values.<component>.image` becomes the image given for `<component with _ as ->`;
 * - `#@ data.values.kpack_version` becomes `<version>`;
 * - every other `#@` line (loads, schema annotations) is dropped.
 *
 * The templates of v0.17.2 use no other ytt feature, so this is exact for them; the script refuses
 * templates that use anything else.
 *
 * The vendored releases (assets/kpack/release-<version>.yaml) are kpack's published files; this render,
 * with the digests they publish, is a second check that they are what kpack's templates say.
 * `npm run assets:render` renders every release and compares it with its vendored file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

export interface RenderOptions {
  /** Directory holding the ytt templates (kpack's `config/`). */
  readonly templatesDir: string;
  /** kpack version without the leading `v`, e.g. `0.17.2`. */
  readonly version: string;
  /** The image of each component (`build-init`, `lifecycle`, …), as the release job passes it. */
  readonly images: { readonly [component: string]: string };
}

const VALUE_REFERENCE = /#@\s*data\.values\.([a-z_]+)(?:\.image)?\s*$/;

export function renderRelease(options: RenderOptions): string {
  const files = fs.readdirSync(options.templatesDir)
    .filter(f => f.endsWith('.yaml') && f !== 'schema.yaml')
    .sort();

  const documents: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(options.templatesDir, file), 'utf8');
    const rendered = text.split('\n').flatMap(line => renderLine(line, file, options));
    documents.push(...splitDocuments(rendered.join('\n')));
  }
  return documents.map(doc => `---\n${doc}\n`).join('');
}

function renderLine(line: string, file: string, options: RenderOptions): string[] {
  const annotation = line.indexOf('#@');
  if (annotation < 0) {
    return [line];
  }
  if (line.slice(0, annotation).trim() === '') {
    // A line that is only a ytt directive: `#@ load(...)`, `#@data/values-schema`, ...
    if (!/^#@\s*load\(/.test(line.trim())) {
      throw new Error(`${file}: unsupported ytt directive: ${line.trim()}`);
    }
    return [];
  }
  const match = VALUE_REFERENCE.exec(line);
  if (!match) {
    throw new Error(`${file}: unsupported ytt expression: ${line.trim()}`);
  }
  const component = match[1].replace(/_/g, '-');
  const value = match[1] === 'kpack_version' ? options.version : options.images[component];
  if (value === undefined) {
    throw new Error(`${file}: no image given for ${component}`);
  }
  return [line.slice(0, annotation) + value];
}

/** Splits a YAML stream into its non-empty documents (without the `---` markers). */
function splitDocuments(stream: string): string[] {
  return stream.split(/^---\s*$/m)
    .map(doc => doc.replace(/^\s*\n/, '').replace(/\s+$/, ''))
    .filter(doc => doc.split('\n').some(line => line.trim() !== '' && !line.trim().startsWith('#')));
}

const GHCR = 'ghcr.io/buildpacks-community/kpack';
const TEMPLATES_0_17_2 = path.join(__dirname, '..', 'vendor', 'kpack', 'v0.17.2', 'config');

/** `<GHCR>/<component>@<digest>` for each component. */
function pinned(digests: { readonly [component: string]: string }): { [component: string]: string } {
  return Object.fromEntries(Object.entries(digests).map(([component, digest]) => [component, `${GHCR}/${component}@${digest}`]));
}

/** A published release: the file vendored in assets/kpack/ and the render that should equal it. */
export interface PublishedRelease {
  readonly file: string;
  readonly render: RenderOptions;
}

/**
 * The digests each published release file pins (see assets/kpack/README.md). v0.18.0 changed no
 * template (`config/` is that of v0.17.2), only its images and version label.
 */
export const PUBLISHED_RELEASES: readonly PublishedRelease[] = [
  {
    file: path.join(__dirname, '..', 'assets', 'kpack', 'release-0.17.2.yaml'),
    render: {
      templatesDir: TEMPLATES_0_17_2,
      version: '0.17.2',
      images: pinned({
        'controller': 'sha256:9e79a75cdd70419b9ccdce1a4fe09cae7e580d8ab7ca08c094bae4c6f19cf648',
        'webhook': 'sha256:b337b38353d215eaeec69f0c56fdd8cb717745316847d2e38e29012a58efc835',
        'build-init': 'sha256:59341874617002bc73f57298301adef4914299c8729c376cea271277684f5b68',
        'build-waiter': 'sha256:2936904814f0b015d9111e64058d3b7e5141f63d3a9090584926dd2861044099',
        'rebase': 'sha256:325a3419a580fb56a979967bb68c4ed4b88de3214356e6d47181f1676387e6d2',
        'completion': 'sha256:021f65505e6819614d1ee7f6b5af8013239527ecc72686ecc12cc6b066af6ea5',
        'lifecycle': 'sha256:7a5947a67ab3c01814fe146297cb8aae98c282449202cbf3db19be21fd568284',
      }),
    },
  },
  {
    file: path.join(__dirname, '..', 'assets', 'kpack', 'release-0.18.0.yaml'),
    render: {
      templatesDir: TEMPLATES_0_17_2,
      version: '0.18.0',
      images: pinned({
        'controller': 'sha256:e569159f863d563449fe6456f35f27677776d6bba5674eaa62ce39e2bfec70bb',
        'webhook': 'sha256:ff74b79509481474fbc90bb13eeba0163e042038df154eb1c439ef2194f4a029',
        'build-init': 'sha256:759d5a326c77a83066ca718826f102449c6dac7b7a8ec19a8ae116058a111cab',
        'build-waiter': 'sha256:a3220465f0a7b523073e9d96738fc9b1114d842d1846b5a38e1f1a245cb8bc85',
        'rebase': 'sha256:3b455a140c8e4698470517af16f5740e5975c419fd162910bad129b5474181b1',
        'completion': 'sha256:544722e901cc6fb81b3293909d4ac058f48bcc90314bf2bebd1d24d426519fd6',
        'lifecycle': 'sha256:cbb03f9ef71e9b80416445cfee8b6869805e98924090c49ee03404daa73bab3a',
      }),
    },
  },
];

/** The objects of a YAML stream, in document order. */
export function parseObjects(text: string): unknown[] {
  return parseAllDocuments(text).map(document => document.toJS()).filter(object => object !== null && object !== undefined);
}

if (require.main === module) {
  let failed = false;
  for (const release of PUBLISHED_RELEASES) {
    const rendered = JSON.stringify(parseObjects(renderRelease(release.render)));
    const vendored = JSON.stringify(parseObjects(fs.readFileSync(release.file, 'utf8')));
    const same = rendered === vendored;
    failed ||= !same;
    console.log(`${path.relative(process.cwd(), release.file)}: ${same ? 'equals' : 'DIFFERS FROM'} the render of ${path.relative(process.cwd(), release.render.templatesDir)}`);
  }
  process.exit(failed ? 1 : 0);
}
