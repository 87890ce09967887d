/** Bench helpers: child servers, timing, stats. Benchmarks compare ratios within one run. */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Runs fn n times (after one warm-up) and returns the median milliseconds. */
export async function timeIt(n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

export interface Child {
  proc: ChildProcess;
  readyMs: number;
  port: number;
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Peak resident set (VmHWM) of a process, in MB. */
export function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Forks a TypeScript entry with tsx and waits for its `{ ready, ms }` IPC message. */
export function forkReady(entry: string, env: Record<string, string>, port = 0): Promise<Child> {
  const t0 = performance.now();
  const proc = fork(entry, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
    proc.on('message', (m: any) => {
      if (!m?.ready) return;
      proc.removeAllListeners('exit');
      resolve({
        proc,
        readyMs: performance.now() - t0,
        port,
        peakRssMb: () => peakRss(proc.pid!),
        stop: () =>
          new Promise((r) => {
            proc.once('exit', () => r());
            proc.kill('SIGTERM');
          }),
      });
    });
  });
}

export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(2)} ms`;
}
