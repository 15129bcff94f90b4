// Machine conditions for the report: CPUs, memory, load average, and where CPU time went during a phase
// (this process, the app child, the baseline child, PostgreSQL), read from /proc on Linux.
import fs from "node:fs";
import os from "node:os";

export type MachineInfo = { cpus: number; model: string; memoryGiB: number; loadavg: number[]; node: string; platform: string };

/** The machine the bench runs on, as of now. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type ProcStat = { pid: number; comm: string; ppid: number; ticks: number };

function readProcStat(pid: number | string): ProcStat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" "); // fields[0] is field 3 (state)
    const num = (field: number) => Number(fields[field - 3]);
    // utime + stime + cutime + cstime: a parent's c* fields hold the time of children it reaped (PostgreSQL backends).
    return { pid: Number(pid), comm, ppid: num(4), ticks: num(14) + num(15) + num(16) + num(17) };
  } catch {
    return null;
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

function allProcesses(): ProcStat[] {
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.map((e) => readProcStat(e)).filter((p): p is ProcStat => p !== null);
}

function systemTicks(): { busy: number; total: number } {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = values[3] + (values[4] ?? 0);
    const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/**
 * CPU seconds per group over a phase (bench, app, baseline; postgres: every PostgreSQL process, including
 * other users' work; database: the benchmarked database's backends, part of postgres; elsewhere: the rest of
 * the machine's busy time), and how busy the machine was (100% = every core).
 */
export type CpuUsage = { wallSeconds: number; machineBusyPercent: number; seconds: Record<string, number> };

type Groups = Record<string, number>;

function groupTicks(): Groups {
  const groups: Groups = { bench: 0, app: 0, worker: 0, baseline: 0, postgres: 0, other: 0 };
  const processes = allProcesses();
  const apps = new Set(processes.filter((p) => p.ppid === process.pid && cmdline(p.pid).includes("server.ts")).map((p) => p.pid));
  for (const p of processes) {
    if (p.pid === process.pid) groups.bench += p.ticks;
    // The app's background-jobs child, where the webhook worker runs on a real PostgreSQL.
    else if (apps.has(p.ppid) && cmdline(p.pid).includes("background-process")) groups.worker += p.ticks;
    else if (p.comm === "postgres" || p.comm.startsWith("postgres")) groups.postgres += p.ticks;
    else if (p.ppid === process.pid) {
      const cmd = cmdline(p.pid);
      if (cmd.includes("baseline-server")) groups.baseline += p.ticks;
      else if (cmd.includes("server.ts")) groups.app += p.ticks;
      else groups.other += p.ticks;
    }
  }
  return groups;
}

/** Lists the PostgreSQL backend pids serving the benchmarked database (e.g. from pg_stat_activity). */
export type BackendLister = () => Promise<number[]>;

async function backendTicks(list: BackendLister | undefined): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  if (!list) return ticks;
  for (const pid of await list()) {
    const stat = readProcStat(pid);
    if (stat) ticks.set(pid, stat.ticks);
  }
  return ticks;
}

/**
 * Starts measuring CPU use; await the returned function at the end of the phase. With `backends`, the
 * `database` group is the CPU of the benchmarked database's own backends (those alive at the end; a backend
 * that exited during the phase is missed), unlike `postgres`, which is every PostgreSQL process on the machine.
 */
export async function measureCpu(backends?: BackendLister): Promise<() => Promise<CpuUsage>> {
  const startedAt = Date.now();
  const system = systemTicks();
  const groups = groupTicks();
  const dbStart = await backendTicks(backends);
  return async () => {
    const systemEnd = systemTicks();
    const groupsEnd = groupTicks();
    const dbEnd = await backendTicks(backends);
    const seconds: Record<string, number> = {};
    for (const key of Object.keys(groups)) seconds[key] = Math.max(0, (groupsEnd[key] - groups[key]) / TICKS_PER_SECOND);
    if (backends) {
      let ticks = 0;
      for (const [pid, end] of dbEnd) ticks += end - (dbStart.get(pid) ?? 0);
      seconds.database = Math.max(0, ticks / TICKS_PER_SECOND);
    }
    const total = systemEnd.total - system.total;
    const busySeconds = (systemEnd.busy - system.busy) / TICKS_PER_SECOND;
    const ours = Object.entries(seconds)
      .filter(([k]) => k !== "database")
      .reduce((a, [, v]) => a + v, 0);
    seconds.elsewhere = Math.max(0, busySeconds - ours);
    return {
      wallSeconds: (Date.now() - startedAt) / 1000,
      machineBusyPercent: total > 0 ? ((systemEnd.busy - system.busy) / total) * 100 : 0,
      seconds,
    };
  };
}

/** Several phases as one: seconds and wall time added, busy share weighted by wall time. */
export function combineCpu(usages: readonly CpuUsage[]): CpuUsage {
  const wallSeconds = usages.reduce((a, u) => a + u.wallSeconds, 0);
  const seconds: Record<string, number> = {};
  for (const u of usages) for (const [k, v] of Object.entries(u.seconds)) seconds[k] = (seconds[k] ?? 0) + v;
  const busy = usages.reduce((a, u) => a + u.machineBusyPercent * u.wallSeconds, 0);
  return { wallSeconds, machineBusyPercent: wallSeconds > 0 ? busy / wallSeconds : 0, seconds };
}

/** The pid of the app's background-jobs process (the webhook worker), a child of this process's `server.ts` child. */
export function workerPid(): number | undefined {
  const app = childPid("server.ts");
  return app === undefined ? undefined : allProcesses().find((p) => p.ppid === app && cmdline(p.pid).includes("background-process"))?.pid;
}

/** The pid of this process's child whose command line contains `match` (e.g. "server.ts"), if any. */
export function childPid(match: string): number | undefined {
  return allProcesses().find((p) => p.ppid === process.pid && cmdline(p.pid).includes(match))?.pid;
}

/** "bench 3.1 s, app 20.4 s, …" for the report. */
export function describeCpu(usage: CpuUsage): string {
  const s = usage.seconds;
  const parts: string[] = [];
  for (const key of ["bench", "app", "worker", "baseline", "postgres", "other", "elsewhere"]) {
    if ((s[key] ?? 0) < 0.05) continue;
    let part = `${key} ${s[key].toFixed(1)} s`;
    if (key === "postgres" && s.database !== undefined) part += ` (this database's backends ${s.database.toFixed(1)} s)`;
    parts.push(part);
  }
  return `machine ${usage.machineBusyPercent.toFixed(0)}% busy over ${usage.wallSeconds.toFixed(1)} s; CPU: ${parts.join(", ") || "none"}`;
}
