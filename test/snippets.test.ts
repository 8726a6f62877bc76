/**
 * Every TypeScript snippet of README.md and docs/*.md compiles against the library.
 *
 * Each ```ts block becomes a module of one in-memory program, behind a prelude that imports everything
 * the package exports (from 'cdk8s-kpack', mapped to src/index.ts), the usual cdk8s names, `kplus`,
 * `fs` and `path`, and declares `app`, `chart`, `serviceAccount`, `store`, `stack` and `builder`. A name
 * the snippet binds itself (an import, a `const`, a `declare const`) is left out of the prelude, so a
 * snippet may be a whole program or a few lines. Nothing is synthesized: the examples under examples/
 * are synthesized by their own tests.
 *
 * A block opts out with `<!-- not compiled: <reason> -->` on the line before its fence.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const DOCUMENTS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`)];
const OPT_OUT = /^<!--\s*not compiled:\s*(.*?)\s*-->$/;

interface Snippet {
  /** The markdown file, relative to the repository root. */
  readonly file: string;
  /** The line of the snippet's first line of code in the markdown file (1-based). */
  readonly line: number;
  readonly code: string;
}

interface OptOut {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  /** Whether a ```ts block follows the comment. */
  readonly beforeSnippet: boolean;
}

/** The ```ts blocks of a markdown text, and the opt-out comments. */
function extract(file: string, markdown: string): { snippets: Snippet[]; optOuts: OptOut[] } {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  const optOuts: OptOut[] = [];
  let i = 0;
  while (i < lines.length) {
    const optOut = OPT_OUT.exec(lines[i].trim());
    if (optOut) {
      optOuts.push({ file, line: i + 1, reason: optOut[1], beforeSnippet: /^\s*```(ts|typescript)(\s+\S.*)?$/.test(lines[i + 1] ?? '') });
    }
    // After the language, jsii-rosetta's parameters may follow (```ts fixture=readme).
    const fence = /^(\s*)(```+)(\S*)(?:\s+\S.*)?\s*$/.exec(lines[i]);
    if (!fence) {
      i++;
      continue;
    }
    const [, indent, ticks, language] = fence;
    const end = lines.findIndex((l, j) => j > i && l.trim() === ticks);
    if (end < 0) {
      throw new Error(`${file}:${i + 1}: the code block is not closed`);
    }
    const skipped = i > 0 && OPT_OUT.test(lines[i - 1].trim());
    if ((language === 'ts' || language === 'typescript') && !skipped) {
      const code = lines.slice(i + 1, end).map(l => l.startsWith(indent) ? l.slice(indent.length) : l).join('\n');
      snippets.push({ file, line: i + 2, code });
    }
    i = end + 1;
  }
  return { snippets, optOuts };
}

/**
 * The names a module exports, read from its syntax: `export *` is followed into the module it names,
 * `export * as ns` is one name.
 */
function exportedNames(file: string, names = new Set<string>()): Set<string> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some(m => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamespaceExport(clause)) {
        names.add(clause.name.text);
      } else if (clause && ts.isNamedExports(clause)) {
        clause.elements.forEach(element => names.add(element.name.text));
      } else if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        exportedNames(path.join(path.dirname(file), `${statement.moduleSpecifier.text}.ts`), names);
      }
    } else if (isExported(statement)) {
      boundNames(statement).forEach(name => names.add(name));
    }
  }
  return names;
}

/** The names a top-level statement binds. */
function boundNames(statement: ts.Statement): string[] {
  const fromBinding = (name: ts.BindingName): string[] => ts.isIdentifier(name)
    ? [name.text]
    : name.elements.flatMap(element => ts.isOmittedExpression(element) ? [] : fromBinding(element.name));
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    return [
      ...clause?.name ? [clause.name.text] : [],
      ...bindings && ts.isNamespaceImport(bindings) ? [bindings.name.text] : [],
      ...bindings && ts.isNamedImports(bindings) ? bindings.elements.map(e => e.name.text) : [],
    ];
  }
  if (ts.isImportEqualsDeclaration(statement)) {
    return [statement.name.text];
  }
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap(d => fromBinding(d.name));
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)
    || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement))
    && statement.name && ts.isIdentifier(statement.name)) {
    return [statement.name.text];
  }
  return [];
}

const KPACK_NAMES = [...exportedNames(path.join(ROOT, 'src', 'index.ts'))].sort();
const CDK8S_NAMES = ['ApiObject', 'App', 'Chart', 'ChartProps', 'Duration', 'JsonPatch', 'Lazy', 'Size', 'Testing'];

/** Lines the prelude may add, each with the names it binds. */
const DECLARATIONS: Array<[string, string]> = [
  ['app', 'declare const app: App;'],
  ['chart', 'declare const chart: Chart;'],
  ['serviceAccount', 'declare const serviceAccount: kplus.ServiceAccount;'],
  ['store', 'declare const store: ClusterStore;'],
  ['stack', 'declare const stack: ClusterStack;'],
  ['builder', 'declare const builder: ClusterBuilder;'],
  // docs/credentials.md defines it; the other snippets call it.
  ['requiredEnv', 'declare function requiredEnv(name: string): string;'],
];

/** The prelude of a snippet: everything it does not bind itself. */
function prelude(snippet: Snippet): string {
  const bound = new Set(ts.createSourceFile('snippet.ts', snippet.code, ts.ScriptTarget.ES2022).statements.flatMap(boundNames));
  const free = (names: string[]) => names.filter(name => !bound.has(name));
  const named = (names: string[], module: string) => names.length > 0 ? [`import { ${names.join(', ')} } from '${module}';`] : [];
  const namespace = (name: string, module: string) => bound.has(name) ? [] : [`import * as ${name} from '${module}';`];
  return [
    ...named(free(KPACK_NAMES), 'cdk8s-kpack'),
    ...named(free(CDK8S_NAMES), 'cdk8s'),
    ...namespace('kplus', 'cdk8s-plus-27'),
    ...named(free(['Construct']), 'constructs'),
    ...namespace('fs', 'fs'),
    ...namespace('path', 'path'),
    ...DECLARATIONS.filter(([name]) => !bound.has(name)).map(([, line]) => line),
    'export {};',
  ].join('\n') + '\n';
}

const { snippets: SNIPPETS, optOuts: OPT_OUTS } = DOCUMENTS
  .map(file => extract(file, fs.readFileSync(path.join(ROOT, file), 'utf8')))
  .reduce((all, one) => ({ snippets: [...all.snippets, ...one.snippets], optOuts: [...all.optOuts, ...one.optOuts] }));

/** Type-checks every snippet in one program; returns the errors of each, as `file:line:column - message`. */
function typeCheck(snippets: Snippet[]): Map<Snippet, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noImplicitReturns: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    esModuleInterop: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    paths: { 'cdk8s-kpack': [path.join(ROOT, 'src', 'index.ts')] },
  };
  const virtual = new Map<string, { snippet: Snippet; preludeLines: number; text: string }>();
  snippets.forEach((snippet, i) => {
    const head = prelude(snippet);
    virtual.set(path.join(ROOT, 'snippets', `snippet-${i}.ts`), { snippet, preludeLines: head.split('\n').length - 1, text: head + snippet.code + '\n' });
  });
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = file => virtual.has(file) || fileExists.call(host, file);
  host.readFile = file => virtual.get(file)?.text ?? readFile.call(host, file);
  host.getSourceFile = (file, languageVersion, ...rest) => {
    const entry = virtual.get(file);
    return entry ? ts.createSourceFile(file, entry.text, languageVersion, true) : getSourceFile.call(host, file, languageVersion, ...rest);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });

  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
    .map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (global.length > 0) {
    throw new Error(`the snippet program is misconfigured:\n${global.join('\n')}`);
  }
  const errors = new Map<Snippet, string[]>();
  for (const [file, { snippet, preludeLines }] of virtual) {
    const sourceFile = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    errors.set(snippet, diagnostics.map(d => {
      const message = `error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      if (d.start === undefined) {
        return `${snippet.file}:${snippet.line} - ${message}`;
      }
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(d.start);
      return line < preludeLines
        ? `${snippet.file}:${snippet.line} (in the prelude: ${sourceFile.text.split('\n')[line]}) - ${message}`
        : `${snippet.file}:${snippet.line + line - preludeLines}:${character + 1} - ${message}`;
    }));
  }
  return errors;
}

describe('TypeScript snippets of README.md and docs/*.md', () => {
  let errors: Map<Snippet, string[]>;

  beforeAll(() => {
    errors = typeCheck(SNIPPETS);
  });

  test('there are snippets, in README.md and in docs/', () => {
    expect(SNIPPETS.some(s => s.file === 'README.md')).toBe(true);
    expect(SNIPPETS.some(s => s.file.startsWith('docs/'))).toBe(true);
  });

  test.each(SNIPPETS.map(snippet => [`${snippet.file}:${snippet.line}`, snippet] as const))('%s compiles', (_where, snippet) => {
    expect(errors.get(snippet)).toEqual([]);
  });

  test('every opt-out gives a reason and stands right before a ts block', () => {
    expect(OPT_OUTS.filter(o => o.reason === '' || !o.beforeSnippet).map(o => `${o.file}:${o.line}`)).toEqual([]);
  });
});
