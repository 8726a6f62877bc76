import * as fs from 'fs';
import * as path from 'path';
import { applyCommands, shellLines } from '../examples/tutorial/apply';
import { VALIDATION_DOC, validationDoc } from '../scripts/generate-validation-doc';

const ROOT = path.join(__dirname, '..');
const DOCS = fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`);

describe('docs/validation.md', () => {
  test('is generated from the rule tables (npm run docs:validation)', () => {
    expect(fs.readFileSync(VALIDATION_DOC, 'utf8')).toBe(validationDoc());
  });
});

/** The text of a markdown file outside its code blocks. */
function prose(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/^(\s*)(```+).*\n[\s\S]*?^\s*\2\s*$/gm, '');
}

/** The anchors GitHub gives a file's headings. */
function anchors(file: string): Set<string> {
  return new Set([...prose(file).matchAll(/^#{1,6} (.*)$/gm)]
    .map(([, heading]) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')));
}

describe('links of README.md and docs/*.md', () => {
  test('README.md links every page of docs/', () => {
    const linked = [...prose('README.md').matchAll(/\]\((docs\/[^)#]+\.md)/g)].map(([, target]) => target);
    expect(DOCS.filter(doc => !linked.includes(doc))).toEqual([]);
  });

  test.each(['README.md', ...DOCS])('every relative link of %s reaches a file, and a heading when it names one', file => {
    const broken = [...prose(file).matchAll(/\]\(([^)\s]+)\)/g)]
      .map(([, target]) => target)
      .filter(target => !/^[a-z]+:/.test(target))
      .filter(target => {
        const [relative, anchor] = target.split('#');
        const resolved = relative === '' ? file : path.join(path.dirname(file), relative);
        if (!fs.existsSync(path.join(ROOT, resolved))) {
          return true;
        }
        return anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor);
      });
    expect(broken).toEqual([]);
  });
});

describe('the apply commands of README.md, docs/install.md and docs/migrating.md', () => {
  test.each([
    ['README.md', 'dist/tutorial.k8s.yaml'],
    ['docs/install.md', 'dist/builds.k8s.yaml'],
    ['docs/migrating.md', 'dist/builds.k8s.yaml'],
  ])('%s prints the commands examples/tutorial/apply.ts makes, in one block', (file, charts) => {
    const commands = shellLines(applyCommands({ crds: 'dist/kpack-crds.k8s.yaml', install: 'dist/kpack.k8s.yaml', namespace: 'kpack', charts: [charts] }));
    expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toContain(['```sh', ...commands, '```'].join('\n'));
  });
});
