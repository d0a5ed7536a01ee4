import { existsSync, readFileSync } from 'node:fs'

export interface UncommittedFrames {
  /** Whole frames written after the last commit frame, in the order written. */
  frames: { page: number; data: Buffer }[]
  /** The page of a frame whose header was written but whose page was not (its checksum fails). */
  tornPage?: number
}

/**
 * The frames of a SQLite WAL that no commit frame covers: what a writer killed mid-transaction left, and what
 * recovery drops. As recovery does, frames count only while their salts match the header and their cumulative
 * checksums hold (the file is reused, so stale frames of earlier rounds may follow).
 */
export function uncommittedFrames(walFile: string): UncommittedFrames | undefined {
  if (!existsSync(walFile)) return undefined
  const wal = readFileSync(walFile)
  if (wal.length < 32) return undefined
  const bigEndian = (wal.readUInt32BE(0) & 1) === 1
  const pageSize = wal.readUInt32BE(8)
  let sum = walChecksum(wal, 0, 24, bigEndian, [0, 0])
  if (sum[0] !== wal.readUInt32BE(24) || sum[1] !== wal.readUInt32BE(28)) return undefined
  let frames: UncommittedFrames['frames'] = []
  for (let at = 32; at + 24 <= wal.length; at += 24 + pageSize) {
    if (
      wal.readUInt32BE(at + 8) !== wal.readUInt32BE(16) ||
      wal.readUInt32BE(at + 12) !== wal.readUInt32BE(20)
    ) {
      break
    }
    const page = wal.readUInt32BE(at)
    const next =
      at + 24 + pageSize <= wal.length
        ? walChecksum(
            wal,
            at + 24,
            at + 24 + pageSize,
            bigEndian,
            walChecksum(wal, at, at + 8, bigEndian, sum),
          )
        : undefined
    if (!next || next[0] !== wal.readUInt32BE(at + 16) || next[1] !== wal.readUInt32BE(at + 20)) {
      return { frames, tornPage: page }
    }
    sum = next
    if (wal.readUInt32BE(at + 4) !== 0) frames = []
    else frames.push({ page, data: wal.subarray(at + 24, at + 24 + pageSize) })
  }
  return frames.length > 0 ? { frames } : undefined
}

/** The WAL checksum: 32-bit words in the WAL's byte order, summed two at a time into two running totals. */
export function walChecksum(
  bytes: Buffer,
  start: number,
  end: number,
  bigEndian: boolean,
  [s0, s1]: [number, number],
): [number, number] {
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i)
    const x1 = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4)
    s0 = (s0 + x0 + s1) >>> 0
    s1 = (s1 + x1 + s0) >>> 0
  }
  return [s0, s1]
}

const tableLeaf = 0x0d
const indexLeaf = 0x0a

/**
 * The rowids on a leaf page of a table (its keys) or of an index on one (each record's last column); none for
 * any other kind of page.
 */
export function leafRowids(page: Buffer, headerAt: number): number[] {
  const kind = page[headerAt]
  if (kind !== tableLeaf && kind !== indexLeaf) return []
  const rowids: number[] = []
  try {
    const cells = page.readUInt16BE(headerAt + 3)
    for (let i = 0; i < cells; i++) {
      const cell = page.readUInt16BE(headerAt + 8 + 2 * i)
      const payloadSize = readVarint(page, cell)
      const payloadAt = cell + payloadSize.length
      rowids.push(
        kind === tableLeaf ? readVarint(page, payloadAt).value : lastIntegerOfRecord(page, payloadAt),
      )
    }
  } catch {
    return rowids
  }
  return rowids
}

/** A record: a header of serial types (each a varint), then the values. */
function lastIntegerOfRecord(page: Buffer, at: number): number {
  const header = readVarint(page, at)
  const types: number[] = []
  for (let offset = at + header.length; offset < at + header.value; ) {
    const type = readVarint(page, offset)
    types.push(type.value)
    offset += type.length
  }
  let valueAt = at + header.value
  for (const type of types.slice(0, -1)) valueAt += serialTypeSize(type)
  const last = types.at(-1) ?? 0
  if (last === 8 || last === 9) return last - 8
  const size = serialTypeSize(last)
  return size === 8 ? Number(page.readBigInt64BE(valueAt)) : page.readIntBE(valueAt, size)
}

function serialTypeSize(type: number): number {
  if (type >= 12) return Math.floor((type - 12) / 2)
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][type] ?? 0
}

/** SQLite's big-endian varint: 7 bits a byte with the high bit set to go on, the ninth byte whole. */
function readVarint(bytes: Buffer, at: number): { value: number; length: number } {
  let value = 0
  for (let i = 0; i < 9; i++) {
    const byte = bytes[at + i] ?? 0
    if (i === 8) return { value: value * 256 + byte, length: 9 }
    value = value * 128 + (byte & 0x7f)
    if ((byte & 0x80) === 0) return { value, length: i + 1 }
  }
  return { value, length: 9 }
}
