import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as Y from 'yjs'

/**
 * The heap a Yjs document keeps per keystroke when it is built the way the server builds a live document:
 * each writer's token, typed at the start or the end of `catatan` as the load clients type, applied as one
 * update. Memory the server's open documents rightly grow by while their clients type.
 */
export function heldBytesPerKeystroke(writers: number, keystrokes: number): number {
  setFlagsFromString('--expose-gc')
  const collect = runInNewContext('gc') as () => void
  // The first build also pays for compiling Yjs; the median of the next three is the figure.
  build(writers, 200, collect)
  const measured = [1, 2, 3].map(() => build(writers, keystrokes, collect)).sort((a, b) => a - b)
  return measured[1] as number
}

function build(writers: number, keystrokes: number, collect: () => void): number {
  const replicas = Array.from({ length: writers }, () => new Y.Doc())
  const held = new Y.Doc()
  collect()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < keystrokes; i++) {
    const writer = replicas[i % writers] as Y.Doc
    const text = writer.getText('catatan')
    const known = Y.encodeStateVector(writer)
    text.insert(i % 2 === 0 ? 0 : text.length, `⟨s${i % writers}·${Math.floor(i / writers)}⟩`)
    const update = Y.encodeStateAsUpdate(writer, known)
    Y.applyUpdate(held, update)
    for (const other of replicas) if (other !== writer) Y.applyUpdate(other, update)
  }
  for (const replica of replicas.splice(0)) replica.destroy()
  collect()
  const bytes = (process.memoryUsage().heapUsed - before) / keystrokes
  held.destroy()
  return Math.round(bytes)
}
