import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { run } from '../../src/cli/run';
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
      { file: path.join(dir, 'missing.yaml'), severity: 'error', message: 'cannot read the file: ENOENT', unreadable: true },
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

describe('validate with hostile input', () => {
  const HOSTILE = path.join(FIXTURES, 'hostile', 'validate');
  const fixture = (name: string) => path.join(HOSTILE, name);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-hostile-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the command, and checks that it answered within a bound (generous: the machine may be busy). */
  function validate(...args: string[]) {
    let out = '';
    let err = '';
    const start = Date.now();
    const code = run(['validate', ...args], { out: t => { out += t; }, err: t => { err += t; } });
    expect(Date.now() - start).toBeLessThan(15_000);
    return { code, out, err };
  }

  test('prototype member names are data: no TypeError, and keys named like them are unknown fields', () => {
    const { code, out } = validate(fixture('prototype-names.yaml'));
    expect(code).toBe(1);
    expect(out).toContain('ClusterStore store (document 4): unknown field: spec.__proto__, spec.constructor, spec.toString');
    expect(out).toContain('1 kpack object(s) in 1 file(s): 1 error(s)');
    expect(({} as any).polluted).toBeUndefined();
  });

  test('aliases that expand too far, or point into another document, are errors of their document; the rest is checked', () => {
    const { code, out } = validate(fixture('aliases.yaml'), fixture('duplicate-keys.yaml'));
    expect(code).toBe(1);
    expect(out).toContain('aliases.yaml: document 1: not valid YAML: Excessive alias count indicates a resource exhaustion attack');
    expect(out).toContain('aliases.yaml: document 2: not valid YAML: Unresolved alias (the anchor must be set before the alias): a');
    expect(out).toContain('aliases.yaml: ClusterStore after (document 3): missing field(s): spec.sources');
    expect(out).toContain('duplicate-keys.yaml: document 1: not valid YAML (line 6, column 3): map keys must be unique; "sources" is repeated');
  });

  test('terminal escape sequences from the file are shown escaped, never sent', () => {
    const { out } = validate(fixture('escapes.yaml'));
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(out).toContain('ClusterStore \\u001b]0;owned\\u0007\\u001b[2J\\u202eevil (document 1)');
  });

  test.each(['utf16le-bom.yaml', 'utf16be-bom.yaml', 'utf8-bom.yaml'])('%s is decoded and checked', name => {
    const { code, out } = validate(fixture(name));
    expect(code).toBe(1);
    expect(out).toContain('ClusterStore ');
    expect(out).toContain(': missing field(s): spec.sources');
  });

  test.each([
    ['utf16le-no-bom.yaml', 'contains NUL characters (UTF-16 without a byte order mark, or binary): refused; convert it to UTF-8'],
    ['latin1.yaml', 'not UTF-8 text (nor UTF-16 with a byte order mark): refused'],
  ])('%s is refused clearly (exit 2), never read as empty', (name, message) => {
    const { code, out } = validate(fixture(name));
    expect(code).toBe(2);
    expect(out).toContain(`${name}: ${message}`);
  });

  test('a FIFO and a device are refused without reading them (exit 2); the other files are checked', () => {
    const fifo = path.join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const { code, out } = validate(fifo, '/dev/zero', fixture('duplicate-keys.yaml'));
    expect(code).toBe(2);
    expect(out).toContain(`${fifo}: not a regular file (a FIFO): refused; give "-" to read stdin`);
    expect(out).toContain('/dev/zero: not a regular file (a character device): refused');
    expect(out).toContain('duplicate-keys.yaml: document 1: not valid YAML');
  });

  test('a file over --max-bytes is refused (exit 2); the limit can be raised', () => {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, `# ${'x'.repeat(2 * 1024 * 1024)}\napiVersion: v1\nkind: ConfigMap\n`);
    expect(validate(file).out).toContain(`big.yaml: larger than 524288 bytes (${fs.statSync(file).size}): refused; raise the limit with --max-bytes`);
    expect(validate('--max-bytes', String(4 * 1024 * 1024), file)).toMatchObject({ code: 0 });
    expect(validate('--max-bytes', 'lots', file)).toMatchObject({ code: 2, err: expect.stringContaining('--max-bytes needs a whole number of bytes, got "lots"') });
  });

  test('directories are walked for YAML files without following symlinks', () => {
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.copyFileSync(fixture('duplicate-keys.yaml'), path.join(dir, 'a', 'b', 'one.yaml'));
    fs.writeFileSync(path.join(dir, 'a', 'notes.txt'), 'not yaml');
    fs.symlinkSync(dir, path.join(dir, 'a', 'loop'));
    fs.symlinkSync(fixture('escapes.yaml'), path.join(dir, 'a', 'link.yaml'));
    const { code, out } = validate(dir);
    expect(code).toBe(1);
    expect(out).toContain(`${path.join(dir, 'a', 'b', 'one.yaml')}: document 1: not valid YAML`);
    expect(out).not.toContain('link.yaml');
    expect(out).not.toContain('loop');
    expect(out).toContain('0 kpack object(s) in 1 file(s): 1 error(s)');
  });

  test('a directory deeper than the bound is reported, not walked', () => {
    let deep = dir;
    for (let i = 0; i < 18; i++) deep = path.join(deep, 'd');
    fs.mkdirSync(deep, { recursive: true });
    const { code, out } = validate(dir);
    expect(code).toBe(2);
    expect(out).toContain('deeper than 16 directories: not read');
  });

  test('deep nesting and too many documents are errors of the file, found before the parser recurses', () => {
    expect(validateYaml('a: 1\n---\n' + '['.repeat(500_000), 'deep.yaml').findings).toEqual([
      { file: 'deep.yaml', object: 'document 2', severity: 'error', message: 'nested deeper than 100 levels: the rest of the file is not read' },
    ]);
    const documents = validateYaml('---\na: 1\n'.repeat(10_001), 'many.yaml', { maxDocuments: 10_000, maxDepth: 100, maxAliasCount: 100 });
    expect(documents.findings).toEqual([{ file: 'many.yaml', object: 'document 10001', severity: 'error', message: 'more than 10000 documents: the rest of the file is not read' }]);
  });
});
