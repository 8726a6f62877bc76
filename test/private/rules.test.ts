import { formatFieldErrors, RULE_TABLES, validateKpackObject } from '../../src/private/validation';
import { RULE_CASES, VALID } from '../rule-cases';

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
    expect(formatFieldErrors(validateKpackObject(c.object)!)).toEqual(c.messages);
  });
});
