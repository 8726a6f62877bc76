import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Kpack } from '../../src';
import { redactSecrets } from '../../src/private/redact';
import { DEFAULT_KPACK_VERSION, formatFieldErrors, kpackVersionOf, kpackVersions, registerKpackInstall, RULE_SETS, RULE_TABLES, ruleSetFor, validateKpackObject } from '../../src/private/validation';
import { KPACK_CASES, RULE_CASES, VALID } from '../rule-cases';

describe('the rule tables', () => {
  test('every rule has a broken-object case, and every case names a rule', () => {
    const ids = RULE_TABLES.flatMap(table => table.rules.map(rule => rule.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...new Set(RULE_CASES.map(c => c.rule))].sort()).toEqual([...ids].sort());
  });

  test.each(Object.entries(VALID))('the smallest valid %s passes', (_type, object) => {
    expect(validateKpackObject(object)).toEqual([]);
  });

  test.each(RULE_CASES.map(c => [c.rule, c] as const))('%s: one broken field, kpack\'s exact message', (_rule, c) => {
    // Messages are redacted (src/private/redact.ts) like every message of the library.
    expect(formatFieldErrors(validateKpackObject(c.object, c.kpackVersion)!)).toEqual(c.messages.map(redactSecrets));
  });

  test.each(KPACK_CASES.map((c, i) => [`${c.rule} #${i}`, c] as const))('%s: what kpack\'s own code answers', (_rule, c) => {
    // Messages are redacted (src/private/redact.ts) like every message of the library.
    expect(formatFieldErrors(validateKpackObject(c.object, c.kpackVersion)!)).toEqual(c.messages.map(redactSecrets));
  });
});

describe('kpack\'s rules and ours', () => {
  test('errors of the library\'s own rules say so; kpack\'s do not', () => {
    const image = { ...VALID['kpack.io/v1alpha2/Image'], spec: { ...VALID['kpack.io/v1alpha2/Image'].spec, tag: '', build: { env: [{ name: '..', value: 'x' }] } } };
    const errors = validateKpackObject(image)!;
    expect(errors.filter(e => e.ours).map(e => e.paths)).toEqual([['spec.build.env[0].name']]);
    expect(errors.filter(e => !e.ours).map(e => e.paths)).toEqual([['spec.tag']]);
  });
});

describe('rule sets by kpack version', () => {
  test('one per supported release, with or without a leading v', () => {
    expect(kpackVersions()).toEqual(['0.0.8', '0.17.2', '0.18.0']);
    expect(ruleSetFor('v0.18.0')?.version).toBe('0.18.0');
    expect(ruleSetFor('0.16.0')).toBeUndefined();
    expect(RULE_SETS.map(set => set.apiVersion)).toEqual(['build.pivotal.io/v1alpha1', 'kpack.io/v1alpha2', 'kpack.io/v1alpha2']);
  });

  test('an object of the other generation is checked with the rules of the release that serves it', () => {
    const legacy = { ...VALID['build.pivotal.io/v1alpha1/Image'], spec: { ...VALID['build.pivotal.io/v1alpha1/Image'].spec, tag: '' } };
    expect(formatFieldErrors(validateKpackObject(legacy, '0.18.0')!)).toEqual(['missing field(s): spec.tag']);
    const image = { ...VALID['kpack.io/v1alpha2/Image'], spec: { ...VALID['kpack.io/v1alpha2/Image'].spec, tag: '' } };
    expect(formatFieldErrors(validateKpackObject(image, '0.0.8')!)).toEqual(['missing field(s): spec.tag']);
  });

  test('a construct takes the version of the Kpack install of its chart, then of its app, else the default', () => {
    // GIVEN
    const app = Testing.app();
    const first = new Chart(app, 'first');
    const second = new Chart(app, 'second');
    const lone = Testing.chart();
    // WHEN
    registerKpackInstall(new Construct(second, 'Kpack'), '0.18.0');
    registerKpackInstall(new Construct(first, 'Kpack'), '0.0.8');
    // THEN
    expect(kpackVersionOf(new Construct(second, 'Image'))).toBe('0.18.0');
    expect(kpackVersionOf(new Construct(first, 'Image'))).toBe('0.0.8');
    expect(kpackVersionOf(new Construct(lone, 'Image'))).toBe(DEFAULT_KPACK_VERSION);
  });

  test('GIVEN no install WHEN the rules are chosen THEN they are those of the version a Kpack installs by default', () => {
    // GIVEN
    const install = new Kpack(Testing.chart(), 'kpack');

    // THEN
    expect(DEFAULT_KPACK_VERSION).toBe(install.version.version);
  });
});
