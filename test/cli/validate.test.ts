import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { formatReport, validateFiles, validateYaml } from '../../src/cli/validate';
import { RULE_CASES } from '../rule-cases';
import { FIXTURES } from '../util';

describe('validateFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  test('finds nothing wrong with the tutorial\'s manifests', () => {
    const files = fs.readdirSync(path.join(FIXTURES, 'tutorial')).filter(f => f.endsWith('.yml')).map(f => path.join(FIXTURES, 'tutorial', f));
    const report = validateFiles(files);
    expect(report.findings).toEqual([]);
    expect(report.checked).toBe(4);
  });

  test.each(RULE_CASES.map(c => [c.rule, c] as const))('reports %s with file, object and kpack\'s message', (_rule, c) => {
    // GIVEN
    const file = write('object.yaml', stringify(c.object));

    // WHEN
    const report = validateFiles([file]);

    // THEN
    const name = [c.object.metadata?.namespace, c.object.metadata?.name].filter(Boolean).join('/');
    expect(report.findings).toEqual(c.messages.map(message => ({
      file,
      object: `${c.object.kind} ${name} (document 1)`,
      severity: 'error',
      message,
    })));
  });

  test('reports fields kpack would drop, with the name kpack v0.17 uses', () => {
    const report = validateYaml(stringify({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'app' },
      spec: { tag: 'registry.example.com/app', serviceAccount: 'builds', cacheSize: '2G', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'u', revision: 'r' } } },
    }), 'app.yaml');
    expect(report.findings.map(f => f.message)).toEqual([
      'unknown field: spec.cacheSize, spec.serviceAccount\n' +
      'hint: kpack v0.17 calls it spec.cache.volume.size; kpack drops spec.cacheSize\n' +
      'hint: kpack v0.17 calls it spec.serviceAccountName; kpack drops spec.serviceAccount and builds with the "default" service account',
    ]);
  });

  test('reports malformed YAML clearly, and keeps checking the other documents', () => {
    const report = validateYaml('apiVersion: kpack.io/v1alpha2\nkind: Image\nspec: [unclosed\n---\napiVersion: kpack.io/v1alpha2\nkind: ClusterStore\nmetadata: {name: s}\nspec: {}\n', 'bad.yaml');
    expect(report.findings).toEqual([
      { file: 'bad.yaml', object: 'document 1', severity: 'error', message: expect.stringMatching(/^not valid YAML \(line \d+, column \d+\): /) },
      { file: 'bad.yaml', object: 'ClusterStore s (document 2)', severity: 'error', message: 'missing field(s): spec.sources' },
    ]);
  });

  test('reports a file it cannot read', () => {
    expect(validateFiles([path.join(dir, 'missing.yaml')]).findings).toEqual([
      { file: path.join(dir, 'missing.yaml'), severity: 'error', message: 'cannot read the file: ENOENT' },
    ]);
  });

  test('checks the items of a List, ignores other kinds, and warns about kpack objects kpack does not validate', () => {
    const report = validateYaml(stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
        { apiVersion: 'kpack.io/v1alpha1', kind: 'Image', metadata: { name: 'old' }, spec: {} },
        { apiVersion: 'kpack.io/v1alpha2', kind: 'SourceResolver', metadata: { name: 'r' }, spec: {} },
      ],
    }), 'list.yaml');
    expect(report.findings).toEqual([{
      file: 'list.yaml',
      object: 'Image old (document 1)',
      severity: 'warning',
      message: 'kpack v0.17 still serves kpack.io/v1alpha1, but its webhook validates only kpack.io/v1alpha2: write this object as kpack.io/v1alpha2',
    }]);
  });

  test('formats one line per finding, hints indented, and a summary', () => {
    const report = validateYaml(stringify(RULE_CASES.find(c => c.rule === 'image-tag')!.object), 'image.yaml');
    expect(formatReport(report, 1)).toBe(
      'image.yaml: Image app (document 1): invalid value: making/Hello: spec.tag\n' +
      '    hint: repository names must be lowercase\n' +
      '1 kpack object(s) in 1 file(s): 1 error(s), 0 warning(s)\n');
  });
});
