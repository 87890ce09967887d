/**
 * Command line of `npm run data:synth -- --households N [--out DIR] [--seed S]`.
 */
export interface SynthArgs {
  households: number;
  outDir: string;
  seed: number;
}

export const DEFAULT_SEED = 1;
const USAGE = 'usage: data:synth --households N [--out DIR] [--seed S]';

function integer(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value.replace(/_/g, ''))) throw new Error(`${flag} needs a non-negative integer, got ${JSON.stringify(value ?? '')}\n${USAGE}`);
  return Number(value.replace(/_/g, ''));
}

/** Parses argv (without node and the script); accepts `--flag value` and `--flag=value`. */
export function parseArgs(argv: readonly string[]): SynthArgs {
  const values = new Map<string, string | undefined>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}\n${USAGE}`);
    const eq = arg.indexOf('=');
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else values.set(arg.slice(2), argv[++i]);
  }
  for (const key of values.keys()) if (!['households', 'out', 'seed'].includes(key)) throw new Error(`unknown option --${key}\n${USAGE}`);
  if (!values.has('households')) throw new Error(`--households is required\n${USAGE}`);
  const households = integer('--households', values.get('households'));
  const seed = values.has('seed') ? integer('--seed', values.get('seed')) : DEFAULT_SEED;
  const out = values.get('out');
  if (values.has('out') && !out) throw new Error(`--out needs a folder\n${USAGE}`);
  return { households, seed, outDir: out ?? `var/synth/${households}` };
}
