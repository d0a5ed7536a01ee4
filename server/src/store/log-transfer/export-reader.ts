import { createHash } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { format, InvalidExportError, type Line, lineSchema, type TransferCounts } from './transfer-format.js'

/**
 * Checks an export line by line: its shape, each stream's revisions from 0 without gaps, and at the end the
 * counts and the SHA-256. A copy cut short has no end line and is refused.
 */
export class ExportReader {
  private readonly hash = createHash('sha256')
  private readonly nextRevision = new Map<string, bigint>()
  private readonly counts = { events: 0, credentials: 0, invitations: 0, snapshots: 0 }
  private lineNumber = 0
  private ended: (TransferCounts & { sha256: string }) | undefined

  read(text: string): Line {
    this.lineNumber += 1
    if (this.ended) throw this.invalid('follows the end line')
    let line: Line
    try {
      line = lineSchema.parse(JSON.parse(text))
    } catch (error) {
      throw this.invalid(`not a line of a ${format} export (${(error as Error).message.slice(0, 200)})`)
    }
    if ((this.lineNumber === 1) !== (line.kind === 'header'))
      throw this.invalid(`a ${format} export starts with its header`)
    if (line.kind === 'end') {
      const found = { ...this.counts, streams: this.nextRevision.size, sha256: this.hash.digest('hex') }
      if (!isDeepStrictEqual(found, { ...pickCounts(line), sha256: line.sha256 })) {
        throw this.invalid(
          `the export was changed or damaged: it holds ${JSON.stringify(found)}, its end line says ${JSON.stringify(line)}`,
        )
      }
      this.ended = found
      return line
    }
    if (line.kind === 'event') {
      const expected = this.nextRevision.get(line.streamId) ?? 0n
      if (BigInt(line.revision) !== expected) {
        throw this.invalid(`${line.streamId} revision ${line.revision} where ${expected} was due`)
      }
      this.nextRevision.set(line.streamId, expected + 1n)
      this.counts.events += 1
    } else if (line.kind !== 'header') {
      this.counts[`${line.kind}s`] += 1
    }
    this.hash.update(`${text}\n`)
    return line
  }

  finish(): TransferCounts & { sha256: string } {
    if (!this.ended) throw this.invalid('the export ends without its end line: a partial copy')
    return this.ended
  }

  private invalid(problem: string): InvalidExportError {
    return new InvalidExportError(this.lineNumber, problem)
  }
}

function pickCounts(line: TransferCounts): TransferCounts {
  const { events, streams, credentials, invitations, snapshots } = line
  return { events, streams, credentials, invitations, snapshots }
}

/** Reads a whole export without writing anything: what `importLog` would refuse, this refuses first. */
export async function verifyExport(
  lines: AsyncIterable<string>,
): Promise<TransferCounts & { sha256: string }> {
  const reader = new ExportReader()
  for await (const line of lines) reader.read(line)
  return reader.finish()
}
