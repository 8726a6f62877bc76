/**
 * `node --cpu-prof -r ts-node/register/transpile-only bench/profile.ts <side> <n> [one|each]`: builds and
 * synthesizes one services workload (library, plus or raw side) a few times, for a CPU profile of where the
 * time goes. Prints the median time of the runs after the first.
 */
import { App } from 'cdk8s';
import { services } from './workloads';

const [side = 'library', n = '300', layout = 'each'] = process.argv.slice(2);
const workload = services(Number(n), layout === 'each' ? 'a chart each' : 'one chart');
const library = workload.library(new App())();
workload.prepareRaw?.(library);
const build = side === 'library' ? workload.library : side === 'plus' ? workload.plus! : workload.raw;
const times: number[] = [];
for (let i = 0; i < 4; i++) {
  const t0 = process.hrtime.bigint();
  build(new App())();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const sorted = times.slice(1).sort((a, b) => a - b);
process.stdout.write(`${side} ${n} ${layout}: ${sorted[1].toFixed(0)} ms (runs: ${times.map(t => t.toFixed(0)).join(', ')})\n`);
