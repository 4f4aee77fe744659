// The machine the figures were taken on: a soak's latencies mean little without its load
// (this one is often shared with other work), so the load average is sampled during the run.
import os from 'node:os';

export interface LoadSample {
  at: string;
  /** `uptime`'s three load averages: 1, 5 and 15 minutes. */
  load: [number, number, number];
}

export interface MachineInfo {
  cpus: number;
  cpu_model: string;
  memory_gb: number;
  platform: string;
  node: string;
  postgres: string;
}

export function machineNow(): LoadSample {
  const [a, b, c] = os.loadavg();
  const r = (n: number) => Math.round(n * 100) / 100;
  return { at: new Date().toISOString(), load: [r(a), r(b), r(c)] };
}

export function machineInfo(postgres: string): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
  };
}
