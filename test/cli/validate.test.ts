import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { run } from '../../src/cli/run';
import { Finding, formatJsonReport, formatReport, validateFiles, validateInputs, validateYaml, ValidationReport } from '../../src/cli/validate';
import { CROSS_CHECKS } from '../../src/private/checks';
import { RULE_CASES } from '../rule-cases';
import { FIXTURES } from '../util';

const CROSS_CHECK_IDS = new Set(CROSS_CHECKS.map(check => check.id));

/** A finding as the text output prints it: the message, then its hint lines. */
function textOf(finding: Finding): string {
  return [finding.message, ...finding.hints.map(hint => `hint: ${hint}`)].join('\n');
}

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
    const tutorial = (name: string) => path.join(FIXTURES, 'tutorial', name);
    // The tutorial's files are successive states of one cluster: each later file replaces an object of step 1.
    const states = [
      ['01-cluster-builder.yml', '02-secret.yml', '03-service-account.yml', '04-hello-golang.yml'],
      ['01-cluster-builder.yml', '02-secret.yml', '03-service-account.yml', '05-hello-golang-revision-bump.yml'],
      ['06-cluster-builder-tiny.yml', '02-secret.yml', '03-service-account.yml', '05-hello-golang-revision-bump.yml'],
    ];
    for (const state of states) {
      const report = validateFiles(state.map(tutorial));
      expect(report.findings).toEqual([]);
      expect(report.checked).toBe(2);
    }

    // All the files at once, as if applied together: each replacing object is a duplicate across files.
    const all = fs.readdirSync(path.join(FIXTURES, 'tutorial')).filter(f => f.endsWith('.yml')).sort();
    const report = validateFiles(all.map(tutorial));
    expect(report.checked).toBe(4);
    expect(report.findings.map(f => [path.basename(f.file), f.severity, f.rules, textOf(f)])).toEqual([
      ['05-hello-golang-revision-bump.yml', 'warning', ['duplicate-object'],
        `Image "hello-golang" (build.pivotal.io/v1alpha1) is also defined by ${tutorial('04-hello-golang.yml')}#1 (written to another file): metadata.name\n` +
        'hint: applied to one cluster, one replaces the other: rename one, unless the files go to different clusters'],
      ['06-cluster-builder-tiny.yml', 'warning', ['duplicate-object'],
        `ClusterBuilder "default" (build.pivotal.io/v1alpha1) is also defined by ${tutorial('01-cluster-builder.yml')}#1 (written to another file): metadata.name\n` +
        'hint: applied to one cluster, one replaces the other: rename one, unless the files go to different clusters'],
    ]);
  });

  test.each(RULE_CASES.map(c => [c.rule, c] as const))('reports %s with file, object and kpack\'s message', (_rule, c) => {
    // GIVEN
    const file = write('object.yaml', stringify(c.object));

    // WHEN
    const report = validateFiles([file]);

    // THEN (the checks across objects, such as the default service account's warning, are tested below)
    const name = [c.object.metadata?.namespace, c.object.metadata?.name].filter(Boolean).join('/');
    const ownFindings = report.findings.filter(f => !f.rules.some(rule => CROSS_CHECK_IDS.has(rule)));
    expect(ownFindings.map(f => ({ ...f, message: textOf(f) }))).toEqual(c.messages.map(message => ({
      file,
      document: 1,
      apiVersion: c.object.apiVersion,
      kind: c.object.kind,
      ...(typeof c.object.metadata?.namespace === 'string' ? { namespace: c.object.metadata.namespace } : {}),
      ...(typeof c.object.metadata?.name === 'string' ? { name: c.object.metadata.name } : {}),
      object: `${c.object.kind} ${name} (document 1)`,
      severity: 'error',
      message,
      hints: expect.any(Array),
      fields: expect.any(Array),
      rules: expect.arrayContaining([expect.any(String)]),
    })));
    // The rule's own id is among the ids of its findings (a merged message may have several), when it finds something.
    expect(c.messages.length === 0 || report.findings.some(f => f.rules.includes(c.rule))).toBe(true);
  });

  test('reports fields kpack would drop, with the name kpack v0.17 uses', () => {
    const report = validateYaml(stringify({
      apiVersion: 'kpack.io/v1alpha2',
      kind: 'Image',
      metadata: { name: 'app' },
      spec: { tag: 'registry.example.com/app', serviceAccount: 'builds', cacheSize: '2G', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'u', revision: 'r' } } },
    }), 'app.yaml');
    // kpack drops spec.serviceAccount, so the Image builds with the "default" account, which nothing says can push.
    expect(report.findings.map(f => [f.severity, f.rules])).toEqual([['error', ['schema']], ['warning', ['image-default-service-account']]]);
    expect(report.findings.map(textOf)).toEqual([
      'unknown field: spec.cacheSize, spec.serviceAccount\n' +
      'hint: kpack v0.17 calls it spec.cache.volume.size; kpack drops spec.cacheSize\n' +
      'hint: kpack v0.17 calls it spec.serviceAccountName; kpack drops spec.serviceAccount and builds with the "default" service account',
      'the Image pushes to registry.example.com with the "default" service account, and no credentials in the app are for registry.example.com: spec.serviceAccountName\n' +
      'hint: kpack pushes with the secrets of the Image\'s service account: give it a serviceAccount holding RegistryCredentials for the registry, or make sure the default one has them',
    ]);
  });

  test('reports malformed YAML clearly, and keeps checking the other documents', () => {
    const report = validateYaml('apiVersion: kpack.io/v1alpha2\nkind: Image\nspec: [unclosed\n---\napiVersion: kpack.io/v1alpha2\nkind: ClusterStore\nmetadata: {name: s}\nspec: {}\n', 'bad.yaml');
    expect(report.findings).toEqual([
      { file: 'bad.yaml', document: 1, object: 'document 1', severity: 'error', message: expect.stringMatching(/^not valid YAML \(line \d+, column \d+\): /), hints: [], fields: [], rules: ['yaml'] },
      {
        file: 'bad.yaml',
        document: 2,
        apiVersion: 'kpack.io/v1alpha2',
        kind: 'ClusterStore',
        name: 's',
        object: 'ClusterStore s (document 2)',
        severity: 'error',
        message: 'missing field(s): spec.sources',
        hints: [],
        fields: ['spec.sources'],
        rules: ['cluster-store-sources'],
      },
    ]);
  });

  test('reports a file it cannot read', () => {
    expect(validateFiles([path.join(dir, 'missing.yaml')]).findings).toEqual([
      { file: path.join(dir, 'missing.yaml'), severity: 'error', message: 'cannot read the file: ENOENT', hints: [], fields: [], rules: ['input'], unreadable: true },
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
      document: 1,
      item: 1,
      apiVersion: 'kpack.io/v1alpha1',
      kind: 'Image',
      name: 'old',
      object: 'Image old (document 1)',
      severity: 'warning',
      message: 'kpack v0.17 still serves kpack.io/v1alpha1, but its webhook validates only kpack.io/v1alpha2: write this object as kpack.io/v1alpha2',
      hints: [],
      fields: [],
      rules: ['unvalidated-api-version'],
    }]);
  });

  test('formats one line per finding, hints indented, and a summary', () => {
    const report = validateYaml(stringify(RULE_CASES.find(c => c.rule === 'image-tag')!.object), 'image.yaml');
    expect(formatReport(report)).toBe(
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
      { file: 'deep.yaml', document: 2, object: 'document 2', severity: 'error', message: 'nested deeper than 100 levels: the rest of the file is not read', hints: [], fields: [], rules: ['yaml'] },
    ]);
    const documents = validateYaml('---\na: 1\n'.repeat(10_001), 'many.yaml', { maxDocuments: 10_000, maxDepth: 100, maxAliasCount: 100 });
    expect(documents.findings).toEqual([{ file: 'many.yaml', document: 10001, object: 'document 10001', severity: 'error', message: 'more than 10000 documents: the rest of the file is not read', hints: [], fields: [], rules: ['yaml'] }]);
  });
});

describe('the JSON report', () => {
  const HOSTILE = path.join(FIXTURES, 'hostile', 'validate');
  /** Every string of a JSON value, keys included. */
  function strings(value: unknown): string[] {
    if (typeof value === 'string') return [value];
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  }
  const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  test('holds files, objects, findings and totals, in a fixed shape and order', () => {
    // GIVEN a clean object, an object with two problems and a hint, a List item, a broken document and a refused file
    const report = validateInputs([
      { file: 'a.yaml', text: stringify(RULE_CASES.find(c => c.rule === 'image-tag')!.object) + '---\n' + stringify({ apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', metadata: { name: 'stack' }, spec: { id: 'io.buildpacks.stacks.jammy', buildImage: { image: 'paketobuildpacks/build-jammy-base' }, runImage: { image: 'paketobuildpacks/run-jammy-base' } } }) },
      { file: 'b.yaml', text: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n- {apiVersion: kpack.io/v1alpha2, kind: ClusterStore, metadata: {name: s}, spec: {}}\n---\nkey: [unclosed\n' },
      { file: 'c.yaml', refused: 'not a regular file (a FIFO): refused; give "-" to read stdin' },
    ]);

    // WHEN
    const json = JSON.parse(formatJsonReport(report, '0.18.0'));

    // THEN
    expect(json).toEqual({
      version: 1,
      kpackVersion: '0.18.0',
      files: [{ file: 'a.yaml' }, { file: 'b.yaml' }, { file: 'c.yaml', refused: 'not a regular file (a FIFO): refused; give "-" to read stdin' }],
      objects: [
        { file: 'a.yaml', document: 1, apiVersion: 'kpack.io/v1alpha2', kind: 'Image', name: 'app' },
        { file: 'a.yaml', document: 2, apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStack', name: 'stack' },
        { file: 'b.yaml', document: 1, item: 1, apiVersion: 'kpack.io/v1alpha2', kind: 'ClusterStore', name: 's' },
      ],
      findings: [
        {
          severity: 'error',
          file: 'a.yaml',
          document: 1,
          apiVersion: 'kpack.io/v1alpha2',
          kind: 'Image',
          name: 'app',
          message: 'invalid value: making/Hello: spec.tag',
          hints: ['repository names must be lowercase'],
          fields: ['spec.tag'],
          rules: ['image-tag'],
        },
        {
          severity: 'error',
          file: 'b.yaml',
          document: 1,
          item: 1,
          apiVersion: 'kpack.io/v1alpha2',
          kind: 'ClusterStore',
          name: 's',
          message: 'missing field(s): spec.sources',
          hints: [],
          fields: ['spec.sources'],
          rules: ['cluster-store-sources'],
        },
        { severity: 'error', file: 'b.yaml', document: 2, message: expect.stringMatching(/^not valid YAML \(line 8, column \d+\): /), hints: [], fields: [], rules: ['yaml'] },
        { severity: 'error', file: 'c.yaml', message: 'not a regular file (a FIFO): refused; give "-" to read stdin', hints: [], fields: [], rules: ['input'] },
      ],
      totals: { files: 3, objects: 3, errors: 4, warnings: 0 },
    });
    // The same input gives the same bytes, keys in the documented order.
    expect(formatJsonReport(report, '0.18.0')).toBe(JSON.stringify(json, undefined, 2) + '\n');
    expect(Object.keys(json.findings[0])).toEqual(['severity', 'file', 'document', 'apiVersion', 'kind', 'name', 'message', 'hints', 'fields', 'rules']);
  });

  test('the text report counts the same files, objects and findings', () => {
    const report = validateInputs([{ file: 'a.yaml', text: 'a: 1\n' }, { file: 'b.yaml', refused: 'cannot read the file: EACCES' }]);
    expect(formatReport(report)).toBe('b.yaml: cannot read the file: EACCES\n0 kpack object(s) in 2 file(s): 1 error(s), 0 warning(s)\n');
    expect(JSON.parse(formatJsonReport(report, '0.18.0')).totals).toEqual({ files: 2, objects: 0, errors: 1, warnings: 0 });
  });

  test('hostile fixtures: every string is redacted and free of control characters, and the report is valid JSON', () => {
    // GIVEN every hostile fixture, read as validate reads them
    const files = fs.readdirSync(HOSTILE).sort().map(name => path.join(HOSTILE, name));

    // WHEN
    const text = formatJsonReport(validateFiles(files), '0.18.0');
    const json = JSON.parse(text);

    // THEN
    expect(json.files.map((f: { file: string }) => path.basename(f.file))).toEqual(fs.readdirSync(HOSTILE).sort());
    for (const value of strings(json)) {
      expect(value).not.toMatch(CONTROL);
      expect(value).not.toContain('MARKER');
    }
    expect(text).not.toContain('MARKER');
    expect(json.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'ClusterStore', name: '\\u001b]0;owned\\u0007\\u001b[2J\\u202eevil', message: 'missing field(s): spec.sources' }),
      expect.objectContaining({ name: '[redacted token]', message: 'invalid value: ***@registry.example.com/App: spec.tag', rules: ['image-tag'] }),
      expect.objectContaining({ fields: ['spec.build.https://***@example.com/x'], rules: ['schema'] }),
      expect.objectContaining({ hints: ['the value of spec.build.nodeSelector.https://***@example.com/x does not decode'], rules: ['decode'] }),
      expect.objectContaining({ kind: 'ClusterStore', name: 'store', fields: ['spec.__proto__', 'spec.constructor', 'spec.toString'] }),
      expect.objectContaining({ file: path.join(HOSTILE, 'aliases.yaml'), document: 1, rules: ['yaml'], message: expect.stringContaining('Excessive alias count') }),
    ]));
    expect(json.files).toEqual(expect.arrayContaining([
      { file: path.join(HOSTILE, 'latin1.yaml'), refused: 'not UTF-8 text (nor UTF-16 with a byte order mark): refused' },
    ]));
    expect(({} as any).polluted).toBeUndefined();
    expect(json.totals.errors).toBe(json.findings.filter((f: { severity: string }) => f.severity === 'error').length);
  });
});

describe('a bad quantity counts once', () => {
  const image = (extra: object) => stringify({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Image',
    metadata: { name: 'app' },
    spec: { tag: 'registry.example.com/team/app', serviceAccountName: 'builds', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'https://github.com/x/y', revision: 'main' } }, ...extra },
  });

  test.each([
    ['a cache size with an unknown suffix', image({ cache: { volume: { size: '1K' } } }), 'spec.cache.volume.size'],
    ['a cache size of the wrong type', image({ cache: { volume: { size: { a: 1 } } } }), 'spec.cache.volume.size'],
    ['two bad build resources', image({ build: { resources: { limits: { cpu: '1K', memory: '2X' } } } }), 'spec.build.resources.limits.cpu'],
    ['a v0.0.8 cacheSize', stringify({ apiVersion: 'build.pivotal.io/v1alpha1', kind: 'Image', metadata: { name: 'app' }, spec: { tag: 'registry.example.com/team/app', serviceAccount: 'builds', builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'https://github.com/x/y', revision: 'main' } }, cacheSize: '1K' } }), 'spec.cacheSize'],
  ])('%s: one finding, one error in both reports', (_case, text, field) => {
    // WHEN
    const report = validateYaml(text, 'q.yaml');

    // THEN kpack stops at the first value it cannot decode: the schema check and the rules add nothing
    expect(report.findings).toEqual([expect.objectContaining({ rules: ['decode'], message: expect.stringMatching(/^cannot decode incoming new object: /), hints: [`the value of ${field} does not decode`] })]);
    expect(formatReport(report)).toMatch(/\n1 kpack object\(s\) in 1 file\(s\): 1 error\(s\), 0 warning\(s\)\n$/);
    expect(JSON.parse(formatJsonReport(report, '0.18.0')).totals).toEqual({ files: 1, objects: 1, errors: 1, warnings: 0 });
  });
});

describe('docs/cli.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
  const block = (language: string, after: string) => {
    const start = doc.indexOf(after);
    const match = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'm').exec(doc.slice(start));
    expect(start).toBeGreaterThanOrEqual(0);
    return match![1];
  };

  test('the example prints what the doc says, in text and as JSON', () => {
    // GIVEN the example file of the doc
    const report = validateInputs([{ file: 'image.yaml', text: block('yaml', 'For the file of the text output above') }]);

    // THEN
    expect(formatReport(report)).toBe(block('', '### Text output'));
    expect(formatJsonReport(report, '0.18.0')).toBe(block('json', 'For the file of the text output above'));
  });
});

describe('checks across files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-cross-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, ...objects: object[]) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, objects.map(o => stringify(o)).join('---\n'));
    return file;
  };
  const image = (namespace: string, spec: object, name = 'hello') => ({
    apiVersion: 'kpack.io/v1alpha2',
    kind: 'Image',
    metadata: { name, namespace },
    spec: { tag: `registry.example.com/apps/${name}`, builder: { kind: 'ClusterBuilder', name: 'default' }, source: { git: { url: 'https://github.com/example/hello', revision: 'main' } }, ...spec },
  });
  const serviceAccount = (namespace: string, secrets: string[] = []) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builds', namespace }, secrets: secrets.map(name => ({ name })) });
  const crossFindings = (report: ValidationReport) => report.findings
    .map(f => ({ file: path.relative(dir, f.file), object: f.object, severity: f.severity, rules: f.rules, text: textOf(f) }));

  test('an Image\'s service account in another file and another namespace is an error of the Image, as at synth', () => {
    // GIVEN
    const files = [write('sa.yaml', serviceAccount('ci')), write('image.yaml', image('apps', { serviceAccountName: 'builds' }))];

    // WHEN
    const report = validateFiles(files);

    // THEN
    expect(crossFindings(report)).toEqual([{
      file: 'image.yaml',
      object: 'Image apps/hello (document 1)',
      severity: 'error',
      rules: ['service-account-namespace'],
      text: 'service account "builds" is in namespace ci, the Image in apps: spec.serviceAccountName\n' +
        'hint: kpack looks the service account up in the Image\'s namespace: define both in the same namespace',
    }]);
    // The service account among the inputs in the Image's namespace: nothing to report.
    expect(validateFiles([write('sa.yaml', serviceAccount('apps')), files[1]]).findings).toEqual([]);
  });

  test('a namespaced Builder of another namespace, in a directory next to the Image', () => {
    write('builders/builder.yaml', { apiVersion: 'kpack.io/v1alpha2', kind: 'Builder', metadata: { name: 'team-b', namespace: 'b' }, spec: { tag: 'registry.example.com/builders/b', stack: { kind: 'ClusterStack', name: 'base' }, store: { kind: 'ClusterStore', name: 'default' }, order: [{ group: [{ id: 'paketo-buildpacks/go' }] }] } });
    write('images/image.yaml', image('a', { serviceAccountName: 'builds', builder: { kind: 'Builder', name: 'team-b' } }));
    const report = validateFiles([dir]);
    expect(report.findings.map(f => [path.relative(dir, f.file), f.rules, f.message])).toEqual([
      ['images/image.yaml', ['builder-namespace'], 'Builder "team-b" is in namespace b, the Image in a: spec.builder'],
    ]);
  });

  test('an ssh git source: the account\'s Secrets among the inputs say whether it can clone; no Secret value is printed', () => {
    // GIVEN an Image cloning over ssh, its service account, and a Secret that is not an ssh git secret
    const secret = (type: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'git', namespace: 'apps', annotations: { 'kpack.io/git': 'https://github.com' } },
      type,
      stringData: { 'username': 'u', 'password': 'MARKER-SECRET-VALUE', 'ssh-privatekey': 'MARKER-SECRET-VALUE' },
    });
    const ssh = image('apps', { serviceAccountName: 'builds', source: { git: { url: 'git@github.com:example/private.git', revision: 'main' } } });
    const files = [write('image.yaml', ssh), write('sa.yaml', serviceAccount('apps', ['git'])), write('secret.yaml', secret('kubernetes.io/basic-auth'))];

    // WHEN
    const report = validateFiles(files);

    // THEN
    expect(crossFindings(report)).toEqual([{
      file: 'image.yaml',
      object: 'Image apps/hello (document 1)',
      severity: 'error',
      rules: ['ssh-credentials'],
      text: 'the source git@github.com:example/private.git is cloned over ssh, but service account "builds" holds no ssh git credentials: spec.serviceAccountName\n' +
        'hint: add RegistryCredentials.gitSsh(...) to the service account with addTo()',
    }]);
    expect(formatJsonReport(report, '0.18.0') + formatReport(report)).not.toContain('MARKER');
    expect(validateFiles([files[0], files[1], write('secret.yaml', secret('kubernetes.io/ssh-auth'))]).findings).toEqual([]);
    // Without the service account among the inputs, a warning says what to make sure of, as at synth.
    expect(crossFindings(validateFiles([files[0]]))).toEqual([expect.objectContaining({ severity: 'warning', rules: ['ssh-credentials'] })]);
  });

  test('duplicates within one file are an error of the later object, across files a warning; in the JSON report too', () => {
    // GIVEN the same Image twice in one file, and once more in another (files may go to different clusters)
    const one = write('one.yaml', image('apps', { serviceAccountName: 'builds' }), image('apps', { serviceAccountName: 'builds' }));
    const other = write('other.yaml', image('apps', { serviceAccountName: 'builds' }));

    // WHEN
    const report = validateFiles([one, other]);

    // THEN
    expect(report.findings.map(f => [path.relative(dir, f.file), f.document, f.severity, f.rules, textOf(f)])).toEqual([
      ['one.yaml', 2, 'error', ['duplicate-object'], `Image "hello" in namespace apps (kpack.io/v1alpha2) is also defined by ${one}#1 (in the same file): metadata.name\n` +
        'hint: the API server keeps one object per name: on apply the later one silently replaces the earlier; rename one, or define it once'],
      ['other.yaml', 1, 'warning', ['duplicate-object'], `Image "hello" in namespace apps (kpack.io/v1alpha2) is also defined by ${one}#1 (written to another file): metadata.name\n` +
        'hint: applied to one cluster, one replaces the other: rename one, unless the files go to different clusters'],
    ]);
    expect(JSON.parse(formatJsonReport(report, '0.18.0')).totals).toEqual({ files: 2, objects: 3, errors: 1, warnings: 1 });
    expect(formatReport(report)).toContain(`one.yaml: Image apps/hello (document 2): Image "hello" in namespace apps (kpack.io/v1alpha2) is also defined by ${one}#1 (in the same file): metadata.name`);
  });

  test('an object\'s own findings come first, then those across objects, in the order of the inputs', () => {
    const files = [write('image.yaml', image('apps', { serviceAccountName: 'builds', tag: 'registry.example.com/apps/Hello' })), write('sa.yaml', serviceAccount('ci'))];
    expect(validateFiles(files).findings.map(f => f.rules)).toEqual([['image-tag'], ['service-account-namespace']]);
  });

  test('stdin and files are checked together', () => {
    const file = write('image.yaml', image('apps', { serviceAccountName: 'builds' }));
    const report = validateInputs([{ file: '-', text: stringify(serviceAccount('ci')) }, { file, text: fs.readFileSync(file, 'utf8') }]);
    expect(report.findings.map(f => f.rules)).toEqual([['service-account-namespace']]);
  });

  test('hostile objects reach the checks across objects as data: no internal error', () => {
    const HOSTILE = path.join(FIXTURES, 'hostile', 'validate');
    const report = validateFiles(fs.readdirSync(HOSTILE).sort().map(name => path.join(HOSTILE, name)));
    expect(report.findings.filter(f => f.rules.includes('internal'))).toEqual([]);
    expect(({} as any).polluted).toBeUndefined();
  });
});
