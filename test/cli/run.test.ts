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
    expect(capture(['--help'])).toEqual({ code: 0, out: expect.stringContaining('validate FILE|DIR|-...'), err: '' });
  });
});
