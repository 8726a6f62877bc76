import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/run';
import { FIXTURES } from '../util';

function capture(args: string[]) {
  let out = '';
  let err = '';
  const code = run(args, { out: text => { out += text; }, err: text => { err += text; } });
  return { code, out, err };
}

describe('cdk8s-kpack', () => {
  test('validate exits 0 for valid files', () => {
    const result = capture(['validate', path.join(FIXTURES, 'tutorial', '04-hello-golang.yml')]);
    expect(result).toEqual({ code: 0, out: '1 kpack object(s) in 1 file(s): 0 error(s), 0 warning(s)\n', err: '' });
  });

  test('validate exits 2 when a file cannot be read, and still checks the others', () => {
    const result = capture(['validate', path.join(FIXTURES, 'tutorial', '04-hello-golang.yml'), path.join(FIXTURES, 'missing.yml')]);
    expect(result.code).toBe(2);
    expect(result.out).toContain('1 kpack object(s) in 2 file(s): 1 error(s)');
    expect(result.out).toContain('missing.yml: cannot read the file: ENOENT');
  });

  test.each([[[]], [['validate']], [['frobnicate']]])('usage errors exit 2: %j', args => {
    const result = capture(args);
    expect(result.code).toBe(2);
    expect(result.out + result.err).toContain('Usage: cdk8s-kpack <command>');
  });

  test('--help exits 0', () => {
    expect(capture(['--help'])).toEqual({ code: 0, out: expect.stringContaining('validate [--kpack-version X] [--output text|json] FILE|DIR|-...'), err: '' });
  });

  test('validate --kpack-version picks the release whose rules apply', () => {
    // GIVEN a Build whose node selector sets the arch, which kpack v0.18.0 refuses and v0.17.2 accepts
    const file = path.join(os.tmpdir(), `arch-${process.pid}.yaml`);
    fs.writeFileSync(file, [
      'apiVersion: kpack.io/v1alpha2', 'kind: Build', 'metadata: {name: b}',
      'spec: {tags: [registry.example.com/app:1], builder: {image: paketobuildpacks/builder}, source: {git: {url: https://github.com/x/y, revision: main}}, nodeSelector: {kubernetes.io/arch: arm64}}',
    ].join('\n'));
    // THEN
    expect(capture(['validate', '--kpack-version', '0.17.2', file]).code).toBe(0);
    const v018 = capture(['validate', file]);
    expect(v018.code).toBe(1);
    expect(v018.out).toContain('invalid key name "kubernetes.io/arch": spec.nodeSelector');
    expect(capture(['validate', '--kpack-version=v0.18.0', file]).code).toBe(1);
    expect(capture(['validate', '--kpack-version', '0.9.0', file])).toEqual({
      code: 2, out: '', err: expect.stringMatching(/^validate: unknown kpack version "0.9.0": the rules are known for 0.0.8, 0.17.2, 0.18.0\n\nUsage/),
    });
  });

  describe('validate --output json', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-json-'));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const STORE = 'apiVersion: kpack.io/v1alpha2\nkind: ClusterStore\nmetadata: {name: s}\nspec: {}\n';

    test('a directory: one JSON object on stdout, nothing else; exit 1 for errors, 0 when clean', () => {
      // GIVEN a directory with a clean file and a wrong one
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.copyFileSync(path.join(FIXTURES, 'tutorial', '04-hello-golang.yml'), path.join(dir, 'clean.yml'));
      fs.writeFileSync(path.join(dir, 'sub', 'store.yaml'), STORE);

      // WHEN
      const result = capture(['validate', '--output', 'json', dir]);

      // THEN
      expect(result.code).toBe(1);
      expect(result.err).toBe('');
      const json = JSON.parse(result.out);
      expect(json.files).toEqual([{ file: path.join(dir, 'clean.yml') }, { file: path.join(dir, 'sub', 'store.yaml') }]);
      expect(json.findings).toEqual([expect.objectContaining({ file: path.join(dir, 'sub', 'store.yaml'), kind: 'ClusterStore', name: 's', rules: ['cluster-store-sources'] })]);
      expect(json.totals).toEqual({ files: 2, objects: 2, errors: 1, warnings: 0 });
      const clean = capture(['validate', '--output=json', path.join(dir, 'clean.yml')]);
      expect(clean.code).toBe(0);
      expect(JSON.parse(clean.out)).toMatchObject({ findings: [], totals: { files: 1, objects: 1, errors: 0, warnings: 0 } });
    });

    test('stdin is the file "-"', () => {
      // GIVEN a descriptor to read as stdin
      const file = path.join(dir, 'stdin.yaml');
      fs.writeFileSync(file, STORE);
      const fd = fs.openSync(file, 'r');
      try {
        // WHEN
        let out = '';
        const code = run(['validate', '--output', 'json', '-'], { out: t => { out += t; }, err: () => undefined, stdin: fd });

        // THEN
        expect(code).toBe(1);
        expect(JSON.parse(out)).toMatchObject({
          files: [{ file: '-' }],
          findings: [{ file: '-', document: 1, kind: 'ClusterStore', message: 'missing field(s): spec.sources' }],
        });
      } finally {
        fs.closeSync(fd);
      }
    });

    test('a refused file exits 2, and is in the report', () => {
      const result = capture(['validate', '--output', 'json', path.join(dir, 'missing.yaml')]);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.out).files).toEqual([{ file: path.join(dir, 'missing.yaml'), refused: 'cannot read the file: ENOENT' }]);
    });

    test('an unknown format is a usage error (exit 2)', () => {
      expect(capture(['validate', '--output', 'yaml', dir])).toEqual({ code: 2, out: '', err: expect.stringMatching(/^validate: --output: unknown format "yaml" \(text or json\)\n/) });
      expect(capture(['migrate', '--output', 'json', dir])).toMatchObject({ code: 2, err: expect.stringContaining('unknown option "--output"') });
    });
  });
});
