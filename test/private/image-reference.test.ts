import { isValidReference, isValidTag, parseReference, parseTag } from '../../src/private/image-reference';

const DIGEST = 'sha256:' + 'a'.repeat(64);

describe('image references, as go-containerregistry parses them with weak validation', () => {
  test.each([
    'ubuntu',
    'ubuntu:22.04',
    'making/hello-golang',
    'gcr.io/paketo-buildpacks/builder:base',
    'localhost:5000/app',
    'registry.example.com:5000/team/app:1.0.0',
    'index.docker.io/library/ubuntu',
    '[::1]:5000/app:latest',
    'gcr.io/app:',
    'Registry.Example.com/app',
  ])('%s is a tag reference', ref => {
    expect(isValidTag(ref)).toBe(true);
    expect(isValidReference(ref)).toBe(true);
  });

  test.each([
    '',
    'a',
    'making/Hello',
    'ftp//invalid/tag@@',
    `some/app@${DIGEST}`,
    'foo:bar:baz',
    'app:tag with space',
    `app:${'t'.repeat(128)}`,
    'registry.example.com:port/app',
    'registry example.com/app',
    'reg%41.com/app',
  ])('%p is not a tag reference', ref => {
    expect(isValidTag(ref)).toBe(false);
  });

  test.each([
    `gcr.io/app@${DIGEST}`,
    `app:1.0@${DIGEST}`,
  ])('%s is a digest reference', ref => {
    expect(isValidTag(ref)).toBe(false);
    expect(parseReference(ref)).toEqual(expect.objectContaining({ digest: DIGEST }));
  });

  test.each([
    'NotValid@@!',
    'builderbuilderbuilder@foo',
    'invalid/tag@sha256:thisisatag',
    'also/invalid@@',
    '@INAVALID!',
    'invalid image',
    `app@sha256:${'A'.repeat(64)}`,
  ])('%p is no reference at all', ref => {
    expect(isValidReference(ref)).toBe(false);
  });

  test.each([
    ['valid/tag', 'index.docker.io'],
    ['docker.io/valid/tag', 'index.docker.io'],
    ['gcr.io/valid/tag', 'gcr.io'],
    ['localhost:5000/valid/tag', 'localhost:5000'],
    ['localhost/valid', 'index.docker.io'],
  ])('the registry of %s is %s', (ref, registry) => {
    expect(parseTag(ref)?.registry).toBe(registry);
  });
});
