// Runs generated charts under Node's permission model (started by migrate.fuzz.ts with reads allowed only
// in the project, no writes, no child processes, no workers): records every `require` a chart makes, calls
// app.synthYaml(), and prints one JSON line per chart.
//   node --experimental-permission --allow-fs-read=<project>/* run-migrated.js <library> <chart.js>...
'use strict';
const fs = require('fs');
const Module = require('module');
const ts = require('typescript');

// The library is TypeScript source: transpiled in memory (nothing written).
require.extensions['.ts'] = (module, file) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  module._compile(outputText, file);
};

const [library, ...charts] = process.argv.slice(2);
const requires = new Map(charts.map(c => [c, []]));
const originalRequire = Module.prototype.require;
Module.prototype.require = function (id) {
  if (requires.has(this.filename)) requires.get(this.filename).push(id);
  return originalRequire.apply(this, arguments);
};

const { App } = require('cdk8s');
const { stringify } = require('yaml');
require(library);
const stderr = process.stderr.write.bind(process.stderr);
for (const chart of charts) {
  const result = { chart };
  // Warnings of the constructs (literal credentials) are expected; they are not the chart's output.
  process.stderr.write = () => true;
  try {
    const { MigratedChart } = require(chart);
    const app = new App();
    const instance = new MigratedChart(app, 'migrated');
    result.yaml = app.synthYaml();
    // The objects as the chart holds them, in a YAML writer that keeps -0 (cdk8s's writes 0).
    result.exact = instance.toJson().map(o => stringify(o)).join('---\n');
  } catch (e) {
    result.error = { name: e && e.constructor && e.constructor.name, code: e && e.code, message: String(e && e.message).slice(0, 2000) };
  } finally {
    process.stderr.write = stderr;
  }
  result.requires = requires.get(chart);
  process.stdout.write(JSON.stringify(result) + '\n');
}
