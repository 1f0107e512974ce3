import os from 'node:os';

/** The machine a benchmark ran on, for the report (figures are only comparable on one machine). */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpus: number;
  readonly totalMemGb: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the bench started and ended: > cpus means a contended machine. */
  readonly loadAvgStart: number;
  loadAvgEnd?: number;
}

export const machineInfo = (): MachineInfo => ({
  cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
  cpus: os.availableParallelism(),
  totalMemGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  loadAvgStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
});

/** Fills in the end-of-run load average. */
export const finishMachineInfo = (info: MachineInfo): MachineInfo => ({
  ...info,
  loadAvgEnd: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
});
