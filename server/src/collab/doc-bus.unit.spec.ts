import { describe, expect, it } from 'vitest'
import { type DocMessage, decodeDocMessage, encodeDocMessage } from './doc-bus.js'

describe('messages between replicas', () => {
  it('carry each kind, its sender, the bytes and the actor unchanged', () => {
    const messages: DocMessage[] = [
      {
        kind: 'update',
        update: new Uint8Array([1, 0, 255]),
        actor: { actorId: 'm_sari', actorName: 'Bu Sari' },
      },
      { kind: 'awareness', update: new Uint8Array([7, 7]) },
    ]
    for (const message of messages) {
      expect(decodeDocMessage(encodeDocMessage('replika-2', message))).toEqual({
        source: 'replika-2',
        message,
      })
    }
  })

  it('refuses a kind it does not know', () => {
    const bytes = encodeDocMessage('replika-2', { kind: 'awareness', update: new Uint8Array([7]) })
    bytes[bytes.length - 3] = 9
    expect(() => decodeDocMessage(bytes)).toThrow('unknown kind of message')
  })
})
