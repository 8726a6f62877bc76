import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BuildImage, ClusterBuilder, legacy, Source } from '../../src';
import { checkSchemaAfterRules } from '../../src/private/schema-check';
import { decodeError } from '../../src/private/validation/field-error';
import { validationErrors } from '../util';

function image(chart = Testing.chart()): BuildImage {
  return new BuildImage(chart, 'hello', {
    tag: 'registry.example.com/apps/hello',
    // An account of its own: the namespace's "default" one holds no credentials for the registry.
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
    builder: ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
    source: Source.git('https://github.com/example/app', { revision: 'main' }),
  });
}

describe('the schema check of objects changed with JSON patches', () => {
  test('GIVEN a stale field added by a patch WHEN synthesized THEN it fails with the construct path', () => {
    // GIVEN
    const chart = Testing.chart();
    ApiObject.of(image(chart)).addJsonPatch(JsonPatch.add('/spec/cacheSize', '2Gi'));

    // THEN
    expect(validationErrors(chart)).toEqual([
      '[test/hello] unknown field: spec.cacheSize\nhint: kpack v0.17 calls it spec.cache.volume.size; kpack drops spec.cacheSize',
    ]);
  });

  test('GIVEN a field written in another case by a patch THEN synth says what kpack reads it as, and kpack\'s rules read it so', () => {
    // GIVEN the tag written again as Tag, in capitals that are no valid repository
    const chart = Testing.chart();
    const resource = ApiObject.of(image(chart));
    resource.addJsonPatch(JsonPatch.remove('/spec/tag'));
    resource.addJsonPatch(JsonPatch.add('/spec/Tag', 'registry.example.com/Apps/hello'));

    // THEN kpack's rule on spec.tag, and the library's own on the key's case
    expect(validationErrors(chart)).toEqual([
      '[test/hello] field name not in kpack\'s case: spec.Tag\nhint: kpack reads spec.Tag as spec.tag (Go matches names without regard to case) and writes it back so: ' +
        'write tag, or the object in Git never matches the cluster\'s (Argo CD and Flux see a difference)',
      '[test/hello] invalid value: registry.example.com/Apps/hello: spec.tag\nhint: repository names must be lowercase',
    ]);
  });

  test('GIVEN a known field added by a patch THEN it passes', () => {
    const chart = Testing.chart();
    ApiObject.of(image(chart)).addJsonPatch(JsonPatch.add('/spec/imageTaggingStrategy', 'None'));
    expect(validationErrors(chart)).toEqual([]);
  });

  test('GIVEN a value outside an enum added by a patch THEN it fails', () => {
    const chart = Testing.chart();
    ApiObject.of(image(chart)).addJsonPatch(JsonPatch.add('/spec/imageTaggingStrategy', 'Sometimes'));
    expect(validationErrors(chart)).toEqual([
      '[test/hello] unsupported value "Sometimes", must be one of "None", "BuildNumber": spec.imageTaggingStrategy',
    ]);
  });

  test('GIVEN the v0.0.8 generation THEN it has no schema to check', () => {
    const chart = Testing.chart();
    const old = new legacy.BuildImage(chart, 'old', {
      tag: 'registry.example.com/apps/old',
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'builds', 'builds'),
      builder: legacy.ClusterBuilder.fromClusterBuilderName(chart, 'builder', 'default'),
      source: legacy.Source.git('https://github.com/example/app', { revision: 'main' }),
    });
    ApiObject.of(old).addJsonPatch(JsonPatch.add('/spec/cacheSize', '2Gi'));
    expect(validationErrors(chart)).toEqual([]);
  });

  test('an object kpack cannot decode gets no schema problems', () => {
    const object = { apiVersion: 'kpack.io/v1alpha2', kind: 'Image', spec: { unknown: 1 } };
    expect(checkSchemaAfterRules(object, '0.18.0', [decodeError('x', 'spec.cache.volume.size')])).toEqual([]);
    expect(checkSchemaAfterRules(object, '0.18.0', []).map(e => e.message)).toEqual(['unknown field']);
  });
});
