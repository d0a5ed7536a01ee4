import type { TimelineEntry } from '@rembuk/domain'
import { getCurrentScope, onScopeDispose, type Ref, ref, shallowRef } from 'vue'
import type { DocStateView } from './history-api.js'

/** The document at one revision and the event that made it. */
export interface ReplayFrame {
  state: DocStateView
  event: TimelineEntry | null
}

/** Events per second a replay can play at. */
export const replaySpeeds = [1, 2, 5, 10] as const

/** A revision's content never changes, so answers are kept; this many at most. */
const keptFrames = 300

export interface ReplayOptions {
  head: Ref<number>
  load: (revision: number) => Promise<ReplayFrame>
  /** How long the scrubber must rest before its revision is fetched. */
  debounceMs?: number
}

/**
 * The revision a replay shows and the document at it: seeking fetches once the scrubber rests and drops
 * answers that arrive for a revision no longer wanted; playing steps one event at a time up to the head.
 */
export function useReplay({ head, load, debounceMs = 250 }: ReplayOptions) {
  const revision = ref(head.value)
  const frame = shallowRef<ReplayFrame | null>(null)
  const loading = ref(false)
  const failed = ref(false)
  const playing = ref(false)
  const speed = ref<number>(2)
  const frames = new Map<number, Promise<ReplayFrame>>()
  let newestRequest = 0
  let seekTimer: ReturnType<typeof setTimeout> | undefined
  let playRun = 0

  function frameAt(target: number): Promise<ReplayFrame> {
    const kept = frames.get(target)
    if (kept) return kept
    const pending = load(target)
    frames.set(target, pending)
    pending.catch(() => frames.delete(target))
    if (frames.size > keptFrames) frames.delete(frames.keys().next().value as number)
    return pending
  }

  async function show(target: number): Promise<void> {
    const request = ++newestRequest
    loading.value = true
    try {
      const found = await frameAt(target)
      if (request !== newestRequest) return
      frame.value = found
      failed.value = false
    } catch {
      if (request === newestRequest) failed.value = true
    } finally {
      if (request === newestRequest) loading.value = false
    }
  }

  const clamp = (target: number) => Math.min(Math.max(0, Math.round(target)), head.value)

  /** Stops playing and moves to a revision; its content follows once the scrubber rests, or at once. */
  function seek(target: number, { immediate = false } = {}): void {
    pause()
    const wanted = clamp(target)
    revision.value = wanted
    clearTimeout(seekTimer)
    if (immediate) {
      void show(wanted)
      return
    }
    newestRequest++
    loading.value = true
    seekTimer = setTimeout(() => void show(wanted), debounceMs)
  }

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  /** Steps through the events from the current revision (from the start when at the head) to the head. */
  async function play(): Promise<void> {
    if (playing.value) return
    const run = ++playRun
    const stillPlaying = () => run === playRun && playing.value
    playing.value = true
    clearTimeout(seekTimer)
    if (revision.value >= head.value) {
      revision.value = 0
      await show(0)
    }
    while (stillPlaying() && revision.value < head.value) {
      const started = Date.now()
      revision.value += 1
      if (revision.value < head.value) frameAt(revision.value + 1).catch(() => {})
      await show(revision.value)
      if (failed.value) break
      await wait(Math.max(0, 1000 / speed.value - (Date.now() - started)))
    }
    if (run === playRun) playing.value = false
  }

  function pause(): void {
    playRun++
    playing.value = false
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      pause()
      clearTimeout(seekTimer)
    })
  }

  return { revision, frame, loading, failed, playing, speed, seek, play, pause, frameAt }
}

export type Replay = ReturnType<typeof useReplay>
