import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import type { DocStateView } from './history-api.js'
import { type ReplayFrame, useReplay } from './use-replay.js'

const frameOf = (revision: number): ReplayFrame => ({
  state: {
    docId: 'd',
    revision,
    view: { kind: 'fields', fields: { goals: `isi ${revision}` } },
  } as DocStateView,
  event: null,
})

/** A loader whose answers the test releases one by one. */
function heldLoader() {
  const held = new Map<number, (frame: ReplayFrame) => void>()
  const load = vi.fn(
    (revision: number) =>
      new Promise<ReplayFrame>((resolve) => held.set(revision, () => resolve(frameOf(revision)))),
  )
  return { load, release: (revision: number) => held.get(revision)?.(frameOf(revision)) }
}

describe('replaying a document', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('fetches once the scrubber rests, only the revision it rests on', async () => {
    const load = vi.fn(async (revision: number) => frameOf(revision))
    const replay = useReplay({ head: ref(10), load, debounceMs: 200 })
    replay.seek(3)
    replay.seek(4)
    replay.seek(7)
    expect(replay.revision.value).toBe(7)
    await vi.advanceTimersByTimeAsync(199)
    expect(load).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(load).toHaveBeenCalledTimes(1)
    expect(replay.frame.value?.state.revision).toBe(7)
    expect(replay.loading.value).toBe(false)
  })

  it('drops an answer that arrives after a newer revision was asked for, and keeps answers', async () => {
    const { load, release } = heldLoader()
    const replay = useReplay({ head: ref(10), load })
    replay.seek(2, { immediate: true })
    replay.seek(5, { immediate: true })
    release(5)
    await vi.advanceTimersByTimeAsync(0)
    release(2)
    await vi.advanceTimersByTimeAsync(0)
    expect(replay.frame.value?.state.revision).toBe(5)
    replay.seek(2, { immediate: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(replay.frame.value?.state.revision).toBe(2)
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('keeps the scrubber within the revisions there are', () => {
    const replay = useReplay({ head: ref(4), load: async (revision) => frameOf(revision) })
    replay.seek(9, { immediate: true })
    expect(replay.revision.value).toBe(4)
    replay.seek(-2, { immediate: true })
    expect(replay.revision.value).toBe(0)
  })

  it('plays one event at a time at the chosen speed up to the head, and pauses', async () => {
    const load = vi.fn(async (revision: number) => frameOf(revision))
    const replay = useReplay({ head: ref(6), load })
    replay.seek(1, { immediate: true })
    replay.speed.value = 5
    const playing = replay.play()
    expect(replay.playing.value).toBe(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(replay.frame.value?.state.revision).toBe(2)
    await vi.advanceTimersByTimeAsync(200)
    expect(replay.frame.value?.state.revision).toBe(3)
    replay.pause()
    await vi.advanceTimersByTimeAsync(1000)
    await playing
    expect(replay.playing.value).toBe(false)
    expect(replay.revision.value).toBe(3)

    const toTheEnd = replay.play()
    await vi.advanceTimersByTimeAsync(1000)
    await toTheEnd
    expect(replay.revision.value).toBe(6)
    expect(replay.frame.value?.state.revision).toBe(6)
    expect(replay.playing.value).toBe(false)
  })

  it('plays from the start when it is at the head', async () => {
    const replay = useReplay({ head: ref(2), load: async (revision) => frameOf(revision) })
    replay.seek(2, { immediate: true })
    replay.speed.value = 10
    const playing = replay.play()
    await vi.advanceTimersByTimeAsync(0)
    expect(replay.revision.value).toBe(1)
    await vi.advanceTimersByTimeAsync(500)
    await playing
    expect(replay.revision.value).toBe(2)
  })
})
