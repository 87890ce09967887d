/**
 * `npm run data:synth -- --households N [--out DIR] [--seed S]`: writes a deterministic
 * synthetic city of N households (default folder var/synth/<N>) for scale tests and benchmarks.
 */
import { parseArgs } from './args.ts';
import { generateCity } from './generate.ts';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const { outDir, counts } = await generateCity(args);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const list = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`synthetic city (seed ${args.seed}) written to ${outDir} in ${seconds} s: ${list}`);
}

main().catch((e: Error) => {
  console.error(`data:synth: ${e.message}`);
  process.exitCode = 1;
});
