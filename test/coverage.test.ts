import * as fs from 'fs';
import * as path from 'path';
import { SCHEMAS } from '../schemas/kpack-v1alpha2';

const COVERAGE = fs.readFileSync(path.join(__dirname, '..', 'docs', 'coverage.md'), 'utf8');

/** The text of the `## …` section whose heading names the kind. */
function section(kind: string): string {
  const sections = COVERAGE.split(/^## /m).filter(s => s.split('\n')[0].split(/[ ,—-]+/).includes(kind));
  return sections.join('\n');
}

/**
 * The leaf field paths of a kind's spec: nested kpack objects are followed down to their fields;
 * Kubernetes types (references, resources, tolerations, env var sources) count as one field.
 */
function fieldPaths(schema: any, prefix = ''): string[] {
  return Object.entries<any>(schema.properties ?? {}).flatMap(([name, property]) => {
    const here = `${prefix}${name}`;
    const nested = property.type === 'array' ? property.items : property;
    const isKpackObject = nested?.properties && !('uid' in nested.properties) && !('limits' in nested.properties) && !('effect' in nested.properties);
    if (!isKpackObject || name === 'valueFrom') {
      return [here];
    }
    return fieldPaths(nested, property.type === 'array' ? `${here}[].` : `${here}.`);
  });
}

describe('docs/coverage.md', () => {
  test.each(Object.keys(SCHEMAS))('maps every field of %s to a prop (or says why not)', kind => {
    const text = section(kind);
    expect(text).not.toBe('');
    const listed = (field: string) => new RegExp('`' + field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(`|\\.\\*`|[, ])').test(text);
    // A field is covered when it, or an object it is part of, is listed.
    const covered = (field: string) => field.split('.').some((_, i, parts) => listed(parts.slice(0, i + 1).join('.').replace(/\[\]$/, '')));
    const missing = fieldPaths((SCHEMAS[kind].properties as Record<string, unknown>).spec).filter(field => !covered(field));
    expect(missing).toEqual([]);
  });
});
