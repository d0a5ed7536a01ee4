import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { type CollabClient, connectClient } from '../../support/collab-clients.js'
import { getAs, setUpSchool } from '../../support/school.js'
import { startServerProcess } from '../../support/server-process.js'
import { startThrottledProxy } from '../../support/throttled-proxy.js'

export interface SlowLinkOptions {
  /** Roughly how large the document grows. */
  documentBytes: number
  /** Server to client, per connection. */
  bytesPerSecond: number
  /** How many teachers typed it (their edits interleave, as in a shared plan). */
  writers: number
}

export interface SlowLinkResult extends SlowLinkOptions {
  storedBytes: number
  syncedAfterMs: number
  messagesReceived: number
  longestGapMs: number
  closes: number[]
  problems: string[]
}

/** A document typed by several teachers: many small inserts spread over many paragraphs, interleaved. */
function typedDocument(bytes: number, writers: number): Y.Doc {
  const docs = Array.from({ length: writers }, () => new Y.Doc())
  const unshared: [Y.Doc, Uint8Array][] = []
  for (const doc of docs)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'peer') unshared.push([doc, update])
    })
  const sentence =
    'Siswa mencatat suhu dan berat ketan setiap pagi, lalu membandingkannya dengan hari sebelumnya. '
  let size = 0
  for (let round = 0; size < bytes; round++) {
    const writer = docs[round % writers] as Y.Doc
    const paragraph = writer.getMap<Y.Text>('catatan-harian')
    const key = `hari-${round % 400}`
    let text = paragraph.get(key)
    if (!text) {
      text = new Y.Text()
      paragraph.set(key, text)
    }
    const piece = sentence.slice(0, 40 + (round % 55))
    text.insert(text.length, piece)
    size += piece.length + 20
    if (round % 200 === 199) {
      const update = Y.mergeUpdates(unshared.map(([, u]) => u))
      for (const doc of docs) Y.applyUpdate(doc, update, 'peer')
      unshared.length = 0
    }
  }
  const merged = new Y.Doc()
  for (const doc of docs) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc))
  return merged
}

/** The notes as plain data with the paragraphs in one order, whatever order a document holds them in. */
function notesOf(doc: Y.Doc): string {
  const notes = doc.getMap<Y.Text>('catatan-harian')
  return JSON.stringify([...notes.keys()].sort().map((key) => [key, notes.get(key)?.toString()]))
}

/**
 * Stores a large document through one fast connection, then opens it with a stock y-websocket client behind a
 * throttled link and records how the answer arrived: when it synced, how many messages came, the longest
 * silence between two of them (the stock client gives up after 30 s of silence), and any close.
 */
export async function runSlowLink(options: SlowLinkOptions): Promise<SlowLinkResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rembuk-slow-link-'))
  const server = await startServerProcess(dataDir, { REMBUK_MAX_MESSAGE_BYTES: String(64 * 1024 * 1024) })
  const clients: CollabClient[] = []
  const problems: string[] = []
  try {
    const school = await setUpSchool(server.httpUrl)
    const teacher = await school.member('teacher', 'Bu Sari')
    const { docId } = await school.plan('Catatan harian fermentasi', [teacher])
    const source = typedDocument(options.documentBytes, options.writers)
    const writer = connectClient(server.collabUrl, docId, teacher.token)
    clients.push(writer)
    await writer.synced()
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(source))
    const expected = notesOf(writer.doc)
    const storedBytes = Y.encodeStateAsUpdate(writer.doc).byteLength
    for (let tries = 0; ; tries++) {
      const stored = await getAs<{ content: Record<string, unknown> }>(
        server.httpUrl,
        `/api/docs/${docId}/state`,
        school.principal,
      )
      const notes = (stored.body.content['catatan-harian'] ?? {}) as Record<string, string>
      const storedNotes = JSON.stringify(
        Object.keys(notes)
          .sort()
          .map((key) => [key, notes[key]]),
      )
      if (storedNotes === expected) break
      if (tries > 300) throw new Error('the document was not stored')
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    writer.destroy()

    const proxy = await startThrottledProxy({
      target: { host: '127.0.0.1', port: server.port },
      bytesPerSecond: options.bytesPerSecond,
    })
    const started = performance.now()
    const reader = connectClient(`ws://127.0.0.1:${proxy.port}/collab`, docId, teacher.token)
    clients.push(reader)
    const closes: number[] = []
    let messagesReceived = 0
    let last = started
    let longestGapMs = 0
    const onClose = (event: CloseEvent | null) => closes.push(event?.code ?? 0)
    reader.provider.on('connection-close', onClose)
    reader.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected' || !reader.provider.ws) return
      reader.provider.ws.addEventListener('message', () => {
        const now = performance.now()
        longestGapMs = Math.max(longestGapMs, now - last)
        last = now
        messagesReceived += 1
      })
    })
    await reader.synced(10 * 60_000)
    const syncedAfterMs = performance.now() - started
    reader.provider.off('connection-close', onClose)
    await proxy.close()
    if (notesOf(reader.doc) !== expected) {
      problems.push('the slow client does not hold the document the writer stored')
    }
    if (closes.length > 0) problems.push(`the slow client's connection closed: ${closes.join(', ')}`)
    return { ...options, storedBytes, syncedAfterMs, messagesReceived, longestGapMs, closes, problems }
  } finally {
    for (const client of clients) client.destroy()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
