import { compareStrings, decodeError, formatFieldErrors, generic, invalidValue, missingField, withHint } from '../../src/private/validation/field-error';

describe('formatFieldErrors, as knative formats a FieldError', () => {
  test('merges errors with the same message and details, sorting their paths', () => {
    expect(formatFieldErrors([missingField('spec.tag'), missingField('spec.builder.name')]))
      .toEqual(['missing field(s): spec.builder.name, spec.tag']);
  });

  test('sorts different errors by message, details on the next line', () => {
    expect(formatFieldErrors([
      missingField('spec.tag'),
      invalidValue('Foo', 'spec.builder.kind', 'must be one of Builder'),
    ])).toEqual(['invalid value: Foo: spec.builder.kind\nmust be one of Builder', 'missing field(s): spec.tag']);
  });

  test('sorts as Go compares strings, by UTF-8 bytes: U+FF46 before U+1F680, although UTF-16 puts it after', () => {
    // GIVEN kpack's order for these two values (its webhook code, test/conformance/)
    const errors = [invalidValue('\u{1F680}', 'spec.tag'), invalidValue('\uFF46', 'spec.stack.kind')];
    // THEN
    expect(formatFieldErrors(errors)).toEqual(['invalid value: \uFF46: spec.stack.kind', 'invalid value: \u{1F680}: spec.tag']);
    expect([compareStrings('a', 'b'), compareStrings('b', 'a'), compareStrings('a', 'a'), compareStrings('a', 'ab')]).toEqual([-1, 1, 0, -1]);
    expect(Math.sign(compareStrings('\u{10000}', '\uFFFF'))).toBe(1);
  });

  test('an error of the library\'s own never merges into kpack\'s, so kpack\'s text stays as kpack prints it', () => {
    // GIVEN the same message from a kpack rule and from one of the library's own
    const errors = [invalidValue('', 'spec.additionalTags[0]'), { ...invalidValue('', 'spec.build.env[0].name'), ours: true }];
    // THEN
    expect(formatFieldErrors(errors)).toEqual(['invalid value: : spec.additionalTags[0]', 'invalid value: : spec.build.env[0].name']);
  });

  test('an error without a path keeps the colon, as kpack prints it', () => {
    expect(formatFieldErrors([generic('spec.cache.volume.size cannot be set')])).toEqual(['spec.cache.volume.size cannot be set: ']);
  });

  test('hints come last and are never merged into the message', () => {
    expect(formatFieldErrors([withHint(missingField('spec.a'), 'one'), withHint(missingField('spec.b'), 'two')]))
      .toEqual(['missing field(s): spec.a, spec.b\nhint: one\nhint: two']);
  });

  test('values print as Go prints them with %v', () => {
    expect(formatFieldErrors([invalidValue(undefined, 'spec.builder.kind')])).toEqual(['invalid value: : spec.builder.kind']);
  });

  test('a merged error holds each path once (knative mergePaths), as three identical names give', () => {
    expect(formatFieldErrors([generic('duplicate service name "db"', 's[0].name', 's[1].name'), generic('duplicate service name "db"', 's[1].name', 's[2].name')]))
      .toEqual(['duplicate service name "db": s[0].name, s[1].name, s[2].name']);
  });

  test('an object that does not decode is the message alone, the field in a hint', () => {
    expect(formatFieldErrors([decodeError("unable to parse quantity's suffix", 'spec.resources.limits.cpu')]))
      .toEqual(["cannot decode incoming new object: unable to parse quantity's suffix\nhint: the value of spec.resources.limits.cpu does not decode"]);
  });

  test('sorts as Go does, by code point: U+FA10 before U+1F680, unlike JavaScript\'s <', () => {
    expect(['\u{1F680}', '\uFA10', 'z', 'A'].sort(compareStrings)).toEqual(['A', 'z', '\uFA10', '\u{1F680}']);
    expect(formatFieldErrors([generic('b', 'x'), generic('\u{1F680}', 'x'), generic('\uFA10', 'x')]).map(m => m.split(':')[0]))
      .toEqual(['b', '\uFA10', '\u{1F680}']);
  });
});

