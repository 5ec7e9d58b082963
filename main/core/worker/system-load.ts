// System-wide CPU and memory use, as the platform's workers report them (psutil's percentages).
import { cpus, freemem, totalmem } from 'node:os';

interface CpuSample {
  idle: number;
  total: number;
}

function sample(): CpuSample {
  let idle = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

export class SystemLoad {
  private last = sample();

  /** CPU use since the previous call, in percent of all cores. */
  cpuPercent(): number {
    const now = sample();
    const total = now.total - this.last.total;
    const idle = now.idle - this.last.idle;
    this.last = now;
    return total > 0 ? Math.round((1000 * (total - idle)) / total) / 10 : 0;
  }

  memoryPercent(): number {
    const total = totalmem();
    return Math.round((1000 * (total - freemem())) / total) / 10;
  }
}
