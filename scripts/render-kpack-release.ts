/**
 * Renders kpack's ytt templates (`config/*.yaml` of a kpack tag) into a release manifest, the way
 * kpack's release job does (`ytt -f config/ -v controller.image=… -v kpack_version=…`), without ytt:
 *
 * - every template file except `schema.yaml`, in file-name order;
 * - `#@ data.values.<component>.image` becomes `<imageRepository>/<component with _ as ->:<version>`;
 * - `#@ data.values.kpack_version` becomes `<version>`;
 * - every other `#@` line (loads, schema annotations) is dropped.
 *
 * The templates of v0.17.2 use no other ytt feature, so this is exact for them; the script refuses
 * templates that use anything else.
 *
 * Usage: `npm run assets:render` (re-writes assets/kpack/release-0.17.2.yaml).
 */
import * as fs from 'fs';
import * as path from 'path';

export interface RenderOptions {
  /** Directory holding the ytt templates (kpack's `config/`). */
  readonly templatesDir: string;
  /** kpack version without the leading `v`, e.g. `0.17.2`. */
  readonly version: string;
  /** Registry path the release promotes its images to. */
  readonly imageRepository: string;
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
  const value = match[1] === 'kpack_version'
    ? options.version
    : `${options.imageRepository}/${match[1].replace(/_/g, '-')}:${options.version}`;
  return [line.slice(0, annotation) + value];
}

/** Splits a YAML stream into its non-empty documents (without the `---` markers). */
function splitDocuments(stream: string): string[] {
  return stream.split(/^---\s*$/m)
    .map(doc => doc.replace(/^\s*\n/, '').replace(/\s+$/, ''))
    .filter(doc => doc.split('\n').some(line => line.trim() !== '' && !line.trim().startsWith('#')));
}

export const KPACK_0_17_2: RenderOptions = {
  templatesDir: path.join(__dirname, '..', 'vendor', 'kpack', 'v0.17.2', 'config'),
  version: '0.17.2',
  imageRepository: 'ghcr.io/buildpacks-community/kpack',
};

export const RELEASE_0_17_2_FILE = path.join(__dirname, '..', 'assets', 'kpack', 'release-0.17.2.yaml');

if (require.main === module) {
  const header = [
    '# kpack v0.17.2 release manifest, rendered from kpack\'s ytt templates at tag v0.17.2',
    '# (vendor/kpack/v0.17.2/config) by scripts/render-kpack-release.ts. Do not edit: re-run `npm run assets:render`.',
    '',
  ].join('\n');
  fs.writeFileSync(RELEASE_0_17_2_FILE, header + renderRelease(KPACK_0_17_2));
  console.log(`wrote ${path.relative(process.cwd(), RELEASE_0_17_2_FILE)}`);
}
