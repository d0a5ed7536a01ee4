import { WebSocket } from 'ws'

/** The environment that opens the server's inspector on this port (loopback only). */
export function inspectorEnv(port: number): Record<string, string> {
  return { NODE_OPTIONS: [process.env.NODE_OPTIONS, `--inspect=127.0.0.1:${port}`].filter(Boolean).join(' ') }
}

/**
 * Talks to the server's inspector to run a full garbage collection and read the V8 heap in use afterwards:
 * the memory the server still holds, without the garbage that makes RSS rise and fall between collections.
 */
export class HeapProbe {
  private nextId = 1
  private readonly waiting = new Map<number, (result: unknown) => void>()

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown }
      if (message.id === undefined) return
      this.waiting.get(message.id)?.(message.result)
      this.waiting.delete(message.id)
    })
  }

  static async connect(port: number): Promise<HeapProbe> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string
    }[]
    const url = targets[0]?.webSocketDebuggerUrl
    if (!url) throw new Error(`the inspector on port ${port} lists no target`)
    const socket = new WebSocket(url)
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    return new HeapProbe(socket)
  }

  /** Heap in use (MiB) after a full collection. */
  async heapAfterGc(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage')
    const { usedSize } = (await this.call('Runtime.getHeapUsage')) as { usedSize: number }
    return Math.round(usedSize / 104857.6) / 10
  }

  close(): void {
    this.socket.close()
  }

  private call(method: string): Promise<unknown> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        reject(new Error(`the inspector did not answer ${method} within 30 s`))
      }, 30_000)
      this.waiting.set(id, (result) => {
        clearTimeout(timer)
        resolve(result)
      })
      this.socket.send(JSON.stringify({ id, method }))
    })
  }
}
