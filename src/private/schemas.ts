import * as fs from 'fs';
import * as path from 'path';

let schemas: Readonly<Record<string, any>> | undefined;

/**
 * The structural schemas of kpack.io/v1alpha2, by kind (`assets/kpack/schemas-v1alpha2.json`, generated
 * from `schemas/kpack-v1alpha2.ts`), read once per process.
 */
export function v1alpha2Schemas(): Readonly<Record<string, any>> {
  schemas ??= JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'assets', 'kpack', 'schemas-v1alpha2.json'), 'utf8'));
  return schemas!;
}
