import { formatFieldErrors, generic, invalidValue, missingField, withHint } from '../../src/private/validation/field-error';

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
});
