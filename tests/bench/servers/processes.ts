import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/** CPU and memory of several processes together, each with its descendants, from /proc. */

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100

/** The fields of /proc/<pid>/stat after the command name: index 0 is field 3 (state). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

export function parentPid(pid: number): number {
  return Number(statFields(pid)[1])
}

/** The given processes and every descendant of theirs that runs now. */
export function processTree(roots: readonly number[]): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const parent = parentPid(Number(entry))
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
    } catch {
      // It ended while the list was read.
    }
  }
  const found = new Set<number>()
  const queue = [...roots]
  while (queue.length > 0) {
    const pid = queue.pop() as number
    if (found.has(pid)) continue
    found.add(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return [...found]
}

/**
 * CPU seconds of the trees: each process's own user and system time plus that of its children it has
 * waited for, so a backend that ended still counts (in its parent's) and none counts twice.
 */
export function treeCpuSeconds(roots: readonly number[]): number {
  let ticks = 0
  for (const pid of processTree(roots)) {
    try {
      const fields = statFields(pid)
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    } catch {
      // It ended since the tree was read: its time is now in its parent's.
    }
  }
  return ticks / clockTicks
}

/**
 * Memory of the trees, MiB: the sum of each process's proportional set size (a shared page counts once,
 * divided among the processes that map it), so shared libraries and PostgreSQL's shared buffers are not
 * counted once per process as a sum of RSS would.
 */
export function treePssMb(roots: readonly number[]): number {
  let kb = 0
  for (const pid of processTree(roots)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      kb += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0)
    } catch {
      // It ended since the tree was read.
    }
  }
  return Math.round(kb / 102.4) / 10
}

/** CPU seconds the whole machine has spent busy (every core, every process, the kernel's own work). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
  const ticks = line.split(/\s+/).slice(1).map(Number)
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return (total - idle) / clockTicks
}
