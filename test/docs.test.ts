import * as fs from 'fs';
import { VALIDATION_DOC, validationDoc } from '../scripts/generate-validation-doc';

describe('docs/validation.md', () => {
  test('is generated from the rule tables (npm run docs:validation)', () => {
    expect(fs.readFileSync(VALIDATION_DOC, 'utf8')).toBe(validationDoc());
  });
});
