import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { createInterface } from 'node:readline'

/**
 * Test hosts on one private network: each host is a network namespace of its own with one interface (`eth0`)
 * on a /24, joined by a veth pair to a bridge that lives in a namespace of its own, so that a host's link can
 * be cut at the "switch". The test process itself (the root namespace) can be attached to the bridge too, to
 * act as the clients' host. No namespace has a route beyond the /24.
 *
 * Names: namespaces `rbk-<network>-<host>` and `rbk-<network>-sw` (the bridge), the root namespace's
 * interface `rbk-<network>-t`. Everything named so is removed by `destroy()`, by the process's exit handlers,
 * and, for what a crashed run left behind, by `removeLeftovers(network)` (which `createTestNetwork` calls).
 */

export interface HostSpec {
  name: string
  /** The last byte of the host's address on the network's /24; hosts are numbered from 10 unless given. */
  octet?: number
}

export interface TestNetworkOptions {
  hosts: readonly (string | HostSpec)[]
  /** The first three bytes of the /24 (default `10.231.7`). */
  subnet?: string
  /** The root namespace's address on the /24 (its last byte; default 1), or false not to attach it. */
  attachRoot?: number | false
}

export interface SpawnOptions {
  /** Runs the command as this user (by `setpriv`), e.g. `postgres`. */
  user?: string
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Every line the process prints, as it prints it. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
}

export interface HostProcess {
  readonly host: TestHost
  readonly child: ChildProcess
  readonly pid: number
  readonly command: string
  /** The last 200 lines the process printed (stdout and stderr), for error messages. */
  readonly tail: string[]
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  readonly running: boolean
  signal(signal: NodeJS.Signals): void
  /** Sends `signal` and waits for the exit; sends SIGKILL if it has not exited after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>
  /** SIGKILL, and waits for the exit. */
  kill(): Promise<void>
}

export interface TestHost {
  readonly name: string
  readonly namespace: string
  readonly address: string
  readonly linkUp: boolean
  /** Runs a process inside the host's namespace, killed with the network or when this process exits. */
  spawn(command: string, args: readonly string[], options?: SpawnOptions): HostProcess
  /** Runs a command inside the host's namespace to completion and answers its stdout. */
  run(command: string, args: readonly string[]): string
  /** Takes the host's port on the bridge down: the host runs on, but nothing reaches it or leaves it. */
  cutLink(): void
  restoreLink(): void
}

export interface TestNetwork {
  readonly name: string
  readonly subnet: string
  /** The root namespace's address on the network, when attached. */
  readonly rootAddress: string | undefined
  readonly hosts: ReadonlyMap<string, TestHost>
  host(name: string): TestHost
  /** Kills every process started in the network's hosts and removes every namespace and link it made. */
  destroy(): Promise<void>
}

const prefix = 'rbk-'
const namePattern = /^[a-z0-9]{1,8}$/
const hostPattern = /^[a-z0-9]{1,12}$/

function ip(args: readonly string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim()
    throw new Error(`ip ${args.join(' ')}: ${stderr || (error as Error).message}`)
  }
}

/**
 * Why test networks cannot be made here, or undefined when they can: they need root, `ip netns`, `setpriv`
 * and veth pairs and bridges. Makes and removes one namespace to find out.
 */
export function testNetworkUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`
  if (process.getuid?.() !== 0) return 'not root'
  const probe = `${prefix}probe${process.pid}`
  const step = (args: string[]) => spawnSync('ip', args, { encoding: 'utf8' })
  const made = step(['netns', 'add', probe])
  if (made.error || made.status !== 0) {
    return `ip netns is unavailable: ${made.error?.message ?? made.stderr.trim()}`
  }
  try {
    const bridge = step(['-n', probe, 'link', 'add', 'br0', 'type', 'bridge'])
    if (bridge.status !== 0) return `no bridges in a namespace: ${bridge.stderr.trim()}`
    const veth = step(['-n', probe, 'link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'vb'])
    if (veth.status !== 0) return `no veth pairs: ${veth.stderr.trim()}`
    const setpriv = spawnSync('setpriv', ['--version'])
    if (setpriv.error) return `setpriv is unavailable: ${setpriv.error.message}`
    return undefined
  } finally {
    step(['netns', 'del', probe])
  }
}

function namespacesOf(network: string): string[] {
  const listed = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  if (listed.status !== 0) return []
  return listed.stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(`${prefix}${network}-`))
}

function killNamespaceProcesses(namespace: string): void {
  const pids = spawnSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' })
  for (const pid of pids.stdout?.split('\n') ?? []) {
    if (/^\d+$/.test(pid) && Number(pid) !== process.pid) {
      try {
        process.kill(Number(pid), 'SIGKILL')
      } catch {
        // gone already
      }
    }
  }
}

/**
 * Removes what a network of this name left behind (a crashed run): kills every process still inside its
 * namespaces, deletes the namespaces (their links go with them) and the root namespace's interface.
 */
export function removeLeftovers(network: string): void {
  for (const namespace of namespacesOf(network)) {
    killNamespaceProcesses(namespace)
    spawnSync('ip', ['netns', 'del', namespace])
  }
  spawnSync('ip', ['link', 'del', `${prefix}${network}-t`], { stdio: 'ignore' })
}

const live = new Set<{ killSync(): void }>()
let handlersInstalled = false

function installExitHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  const cleanUp = () => {
    for (const network of live) network.killSync()
  }
  process.once('exit', cleanUp)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanUp()
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
    })
  }
}

function subnetInUse(subnet: string): string | undefined {
  const routes = spawnSync('ip', ['-4', 'route', 'show'], { encoding: 'utf8' }).stdout ?? ''
  const addresses = spawnSync('ip', ['-4', '-o', 'addr', 'show'], { encoding: 'utf8' }).stdout ?? ''
  const inRoutes = routes.split('\n').find((line) => line.startsWith(`${subnet}.`))
  const inAddresses = addresses.split('\n').find((line) => line.includes(` ${subnet}.`))
  return inRoutes ?? inAddresses
}

/**
 * Makes the network `name` (lower-case letters and digits, at most 8) with a bridge and the given hosts,
 * after removing what an earlier run of the same name left behind.
 */
export async function createTestNetwork(name: string, options: TestNetworkOptions): Promise<TestNetwork> {
  if (!namePattern.test(name)) throw new Error(`network name ${name}: 1-8 lower-case letters or digits`)
  const subnet = options.subnet ?? '10.231.7'
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(subnet)) throw new Error(`subnet ${subnet}: three bytes, a.b.c`)
  const used = new Set<number>()
  const octets = options.hosts.map((spec, i) => {
    const { name: hostName, octet } = typeof spec === 'string' ? { name: spec, octet: undefined } : spec
    if (!hostPattern.test(hostName))
      throw new Error(`host name ${hostName}: 1-12 lower-case letters or digits`)
    const chosen = octet ?? 10 + i
    if (used.has(chosen) || chosen < 2 || chosen > 254)
      throw new Error(`host ${hostName}: address .${chosen}`)
    used.add(chosen)
    return { hostName, octet: chosen }
  })
  const rootOctet = options.attachRoot === false ? undefined : (options.attachRoot ?? 1)
  if (rootOctet !== undefined && used.has(rootOctet))
    throw new Error(`the root's address .${rootOctet} is taken`)

  installExitHandlers()
  removeLeftovers(name)
  const clash = subnetInUse(subnet)
  if (clash) throw new Error(`${subnet}.0/24 is in use on this machine already: ${clash.trim()}`)

  const bridgeNamespace = `${prefix}${name}-sw`
  const namespaces: string[] = []
  const processes = new Set<HostProcess>()
  const rootLink = `${prefix}${name}-t`
  let rootAttached = false
  let destroyed = false

  const killSync = () => {
    for (const started of processes) {
      if (started.running) started.signal('SIGKILL')
    }
    for (const namespace of namespaces) {
      killNamespaceProcesses(namespace)
      spawnSync('ip', ['netns', 'del', namespace])
    }
    if (rootAttached) spawnSync('ip', ['link', 'del', rootLink], { stdio: 'ignore' })
    namespaces.length = 0
    rootAttached = false
  }
  const handle = { killSync }
  live.add(handle)

  const addNamespace = (namespace: string) => {
    ip(['netns', 'add', namespace])
    namespaces.push(namespace)
    ip(['-n', namespace, 'link', 'set', 'lo', 'up'])
  }

  const hosts = new Map<string, TestHost>()
  try {
    addNamespace(bridgeNamespace)
    ip(['-n', bridgeNamespace, 'link', 'add', 'br0', 'type', 'bridge'])
    ip(['-n', bridgeNamespace, 'link', 'set', 'br0', 'up'])

    for (const { hostName, octet } of octets) {
      const namespace = `${prefix}${name}-${hostName}`
      const port = `p-${hostName}`
      const address = `${subnet}.${octet}`
      addNamespace(namespace)
      ip([
        'link',
        'add',
        'eth0',
        'netns',
        namespace,
        'type',
        'veth',
        'peer',
        'name',
        port,
        'netns',
        bridgeNamespace,
      ])
      ip(['-n', bridgeNamespace, 'link', 'set', port, 'master', 'br0'])
      ip(['-n', bridgeNamespace, 'link', 'set', port, 'up'])
      ip(['-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0'])
      ip(['-n', namespace, 'link', 'set', 'eth0', 'up'])
      hosts.set(hostName, makeHost(hostName, namespace, address, port))
    }
    if (rootOctet !== undefined) {
      ip(['link', 'add', rootLink, 'type', 'veth', 'peer', 'name', 'p-root', 'netns', bridgeNamespace])
      rootAttached = true
      ip(['-n', bridgeNamespace, 'link', 'set', 'p-root', 'master', 'br0'])
      ip(['-n', bridgeNamespace, 'link', 'set', 'p-root', 'up'])
      ip(['addr', 'add', `${subnet}.${rootOctet}/24`, 'dev', rootLink])
      ip(['link', 'set', rootLink, 'up'])
    }
  } catch (error) {
    killSync()
    live.delete(handle)
    throw error
  }

  function makeHost(hostName: string, namespace: string, address: string, port: string): TestHost {
    let linkUp = true
    const host: TestHost = {
      name: hostName,
      namespace,
      address,
      get linkUp() {
        return linkUp
      },
      spawn(command, args, spawnOptions = {}) {
        if (destroyed) throw new Error(`network ${name} is destroyed`)
        const started = spawnIn(host, command, args, spawnOptions)
        processes.add(started)
        void started.exited.then(() => processes.delete(started))
        return started
      },
      run(command, args) {
        return ip(['netns', 'exec', namespace, command, ...args])
      },
      cutLink() {
        ip(['-n', bridgeNamespace, 'link', 'set', port, 'down'])
        linkUp = false
      },
      restoreLink() {
        ip(['-n', bridgeNamespace, 'link', 'set', port, 'up'])
        linkUp = true
      },
    }
    return host
  }

  return {
    name,
    subnet,
    rootAddress: rootOctet === undefined ? undefined : `${subnet}.${rootOctet}`,
    hosts,
    host(hostName) {
      const host = hosts.get(hostName)
      if (!host) throw new Error(`network ${name} has no host ${hostName}`)
      return host
    },
    async destroy() {
      if (destroyed) return
      destroyed = true
      const running = [...processes]
      for (const started of running) started.signal('SIGKILL')
      await Promise.race([
        Promise.all(running.map((started) => started.exited)),
        new Promise((resolve) => setTimeout(resolve, 5_000)),
      ])
      killSync()
      live.delete(handle)
      const left = namespacesOf(name)
      if (left.length > 0) throw new Error(`namespaces left after destroying ${name}: ${left.join(', ')}`)
    },
  }
}

function spawnIn(
  host: TestHost,
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): HostProcess {
  const asUser = options.user
    ? ['--reuid', options.user, '--regid', options.user, '--init-groups']
    : ([] as string[])
  const child = spawn(
    'ip',
    ['netns', 'exec', host.namespace, 'setpriv', '--pdeathsig', 'KILL', ...asUser, '--', command, ...args],
    { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  if (child.pid === undefined) throw new Error(`${command} did not start in ${host.name}`)
  const pid = child.pid
  const tail: string[] = []
  for (const stream of ['stdout', 'stderr'] as const) {
    const lines = createInterface({ input: child[stream] as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      tail.push(line)
      if (tail.length > 200) tail.shift()
      options.onLine?.(line, stream)
    })
  }
  let running = true
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false
      resolve({ code, signal })
    })
    child.once('error', (error) => {
      running = false
      tail.push(`spawn failed: ${error.message}`)
      resolve({ code: null, signal: null })
    })
  })
  const hostProcess: HostProcess = {
    host,
    child,
    pid,
    command: [command, ...args].join(' '),
    tail,
    exited,
    get running() {
      return running
    },
    signal(signal) {
      if (!running) return
      try {
        process.kill(pid, signal)
      } catch {
        // exited meanwhile
      }
    },
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (!running) return
      hostProcess.signal(signal)
      const timer = setTimeout(() => hostProcess.signal('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
    async kill() {
      if (!running) return
      hostProcess.signal('SIGKILL')
      await exited
    },
  }
  return hostProcess
}
