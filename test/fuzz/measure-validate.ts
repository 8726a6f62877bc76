// Runs `cdk8s-kpack validate` once in this process and prints its exit code, time and peak memory above the
// memory in use before it started (started by validate.fuzz.ts, one process per case).
import { run } from '../../src/cli/run';

const baseline = process.memoryUsage().rss;
let peak = baseline;
const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let out = '';
const code = run(process.argv.slice(2), { out: t => { out += t; }, err: t => { out += t; } });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
clearInterval(sample);
// maxRSS covers the whole run even where the sampler (blocked by the synchronous run) could not look.
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
process.stdout.write(JSON.stringify({ code, ms, cpuMs, baseline, peak, growth: peak - baseline, head: out.slice(0, 400), tail: out.slice(-400) }) + '\n');
