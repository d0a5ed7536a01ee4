import { type EventFilter, type EventStore, matchesFilter, type RecordedEvent } from '@rembuk/event-store'

/** A read model that follows the log from a position: a directory in memory or a table of read models. */
export interface LogFollower {
  readonly filter: EventFilter
  /** Everything up to here that matches the filter has been applied. */
  readonly position: bigint
  /** Applies the event unless the follower has it already. */
  offer(event: RecordedEvent): void
  /** Nothing more matches the filter up to `position`, which the follower has now reached. */
  reached(position: bigint): void
}

const followersOf = new WeakMap<EventStore, Set<LogFollower>>()

export function followLog(store: EventStore, follower: LogFollower): () => void {
  let followers = followersOf.get(store)
  if (!followers) {
    followers = new Set()
    followersOf.set(store, followers)
  }
  followers.add(follower)
  return () => followers.delete(follower)
}

/**
 * Brings every follower of the store up to `head`: the ones that follow streams by prefix with one read, each
 * other one with a read of its own.
 */
export async function catchUpFollowers(store: EventStore, head: bigint): Promise<void> {
  const behind = [...(followersOf.get(store) ?? [])].filter((follower) => follower.position < head)
  if (behind.length === 0) return
  const byStream = behind.filter(
    (follower) => !follower.filter.typePrefixes && follower.filter.streamPrefixes,
  )
  const groups: { followers: LogFollower[]; filter: EventFilter }[] = behind
    .filter((follower) => !byStream.includes(follower))
    .map((follower) => ({ followers: [follower], filter: follower.filter }))
  if (byStream.length > 0) {
    groups.push({
      followers: byStream,
      filter: { streamPrefixes: [...new Set(byStream.flatMap((f) => f.filter.streamPrefixes ?? []))] },
    })
  }
  await Promise.all(
    groups.map(async ({ followers, filter }) => {
      let after = head
      for (const follower of followers) if (follower.position < after) after = follower.position
      for await (const event of store.readAll({ afterPosition: after, untilPosition: head, filter })) {
        for (const follower of followers) {
          if (matchesFilter(follower.filter, event.streamId, event.type)) follower.offer(event)
        }
      }
      for (const follower of followers) follower.reached(head)
    }),
  )
}
