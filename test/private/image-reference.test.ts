import { isValidReference, isValidTag, newTag, parseReference, parseReferenceDetailed, parseTag } from '../../src/private/image-reference';

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
    'Registry.Example.com/app',
    `app:${'t'.repeat(128)}`,
    'a:b:80/app',
    'a]b.com/app',
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
    `app:${'t'.repeat(129)}`,
    'gcr.io/app:',
    'localhost:5000/app:',
    '[1.2.3.4]/app',
    '[1::2::3]/app',
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

  // go-containerregistry v0.20.6's own texts, as its NewTag / ParseReference return them.
  test.each([
    ['registry.example.com/apps/hello-world:', 'registry.example.com/apps/hello-world: must specify a tag name after the colon'],
    [`app:${'t'.repeat(129)}`, `tag must be between 1 and 128 characters in length: ${'t'.repeat(129)}`],
    ['app:a b', 'tag can only contain the characters `abcdefghijklmnopqrstuvwxyz0123456789_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ`: a b'],
    ['a', 'repository must be between 2 and 255 characters in length: a'],
    ['making/Hello', 'repository can only contain the characters `abcdefghijklmnopqrstuvwxyz0123456789_-./`: making/Hello'],
    ['', 'a repository name must be specified'],
    ['reg%41.com/app', 'registries must be valid RFC 3986 URI authorities: reg%41.com'],
  ])('NewTag(%p) fails with its own text', (ref, error) => {
    expect(newTag(ref)).toEqual({ error });
  });

  test.each([
    [`app@sha256:${'A'.repeat(64)}`, 'could not parse reference: app@sha256:' + 'A'.repeat(64)],
    ['a@b@c', 'could not parse reference: a@b@c'],
  ])('ParseReference(%p) fails with its own text', (ref, error) => {
    expect(parseReferenceDetailed(ref)).toEqual({ error });
  });

  test('a digest reference drops its tag and reads the repository from the full name', () => {
    expect(parseReference(`ubuntu:22.04@${DIGEST}`)).toEqual({ registry: 'index.docker.io', repository: 'library/ubuntu', digest: DIGEST });
    // `library/` makes a 250-character repository too long once the tag is gone.
    expect(isValidReference(`${'a'.repeat(250)}@${DIGEST}`)).toBe(false);
    expect(isValidReference(`${'a'.repeat(247)}@${DIGEST}`)).toBe(true);
  });

  test('parsing is linear: a 200 KB reference parses in well under a second', () => {
    const started = Date.now();
    expect(isValidReference(`registry.example.com/${'a/'.repeat(100_000)}x:${'1'.repeat(100)}`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

