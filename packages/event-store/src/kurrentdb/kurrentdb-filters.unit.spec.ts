import { WrongExpectedVersionError } from '@kurrent/kurrentdb-client'
import { describe, expect, it } from 'vitest'
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors.js'
import { backoffMs, isInvalidPosition, isPermanent, isTransient, toAppendError } from './kurrentdb-errors.js'
import {
  assertWritable,
  escapeRegex,
  type FilterPlan,
  isVisible,
  planFilter,
  visibleOnly,
} from './kurrentdb-filters.js'
import { UnsupportedPositionError } from './kurrentdb-positions.js'
import { PositionAnchors } from './position-anchors.js'

/** KurrentDB matches these .NET regexes; JavaScript reads these constructs (lookahead, groups) the same. */
const serverKeeps = (regex: string, text: string) => new RegExp(regex).test(text)
const metadata = { actorId: 'user-1' }

function serverSide(plan: FilterPlan | undefined): { regex: string; filterOn: string } {
  if (!plan) throw new Error('Expected a read to be planned')
  return plan.server as unknown as { regex: string; filterOn: string }
}

describe('KurrentDB filters', () => {
  it('always leaves out system streams and the checkpoint streams on the server', () => {
    const { regex, filterOn } = visibleOnly() as { regex: string; filterOn: string }
    expect(filterOn).toBe('streamName')
    expect(serverKeeps(regex, 'plan-1')).toBe(true)
    expect(serverKeeps(regex, '$stats-127.0.0.1:2113')).toBe(false)
    expect(serverKeeps(regex, '$$plan-1')).toBe(false)
    expect(serverKeeps(regex, 'rembuk-checkpoint-dashboard')).toBe(false)
    expect(serverKeeps(regex, 'rembuk-other')).toBe(true)
  })

  it('sends stream prefixes as an escaped stream-name regex and checks type prefixes here', () => {
    const plan = planFilter({ streamPrefixes: ['plan.', 'doc-'], typePrefixes: ['Plan'] })
    const { regex, filterOn } = serverSide(plan)
    expect(filterOn).toBe('streamName')
    expect(serverKeeps(regex, 'plan.7')).toBe(true)
    expect(serverKeeps(regex, 'planx7')).toBe(false)
    expect(serverKeeps(regex, 'doc-3')).toBe(true)
    expect(serverKeeps(regex, 'map-3')).toBe(false)
    expect(plan?.keep('plan.7', 'PlanDrafted')).toBe(true)
    expect(plan?.keep('plan.7', 'DocUpdated')).toBe(false)
    expect(plan?.keep('plan.7', '$metadata')).toBe(false)
  })

  it('sends type prefixes alone as an event-type regex and leaves out system streams here', () => {
    const plan = planFilter({ typePrefixes: ['Doc$'] })
    const { regex, filterOn } = serverSide(plan)
    expect(filterOn).toBe('eventType')
    expect(serverKeeps(regex, 'Doc$Updated')).toBe(true)
    expect(serverKeeps(regex, 'DocUpdated')).toBe(false)
    expect(plan?.keep('doc-1', 'Doc$Updated')).toBe(true)
    expect(plan?.keep('$ce-doc', 'Doc$Updated')).toBe(false)
    expect(plan?.keep('rembuk-checkpoint-x', 'Doc$Updated')).toBe(false)
  })

  it('plans no read at all when an empty list of prefixes can match nothing', () => {
    expect(planFilter({ streamPrefixes: [] })).toBeUndefined()
    expect(planFilter({ typePrefixes: [] })).toBeUndefined()
    expect(planFilter(undefined)?.keep('school-1', 'SchoolOpened')).toBe(true)
  })

  it('escapes every regex character an id or type may hold', () => {
    expect(escapeRegex('a.b$c(d)[e]{f}|g^h*i+j?k\\l')).toBe(
      'a\\.b\\$c\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\*i\\+j\\?k\\\\l',
    )
    expect(isVisible('doc-1', 'DocUpdated')).toBe(true)
  })

  it('refuses to write what could never be read back', () => {
    const event = { type: 'T', data: {}, metadata }
    expect(() => assertWritable('$settings', [event])).toThrow(InvalidAppendError)
    expect(() => assertWritable('rembuk-checkpoint-x', [event])).toThrow(InvalidAppendError)
    expect(() => assertWritable('doc-1', [{ ...event, type: '$metadata' }])).toThrow(InvalidAppendError)
    expect(() => assertWritable('doc-1', [event])).not.toThrow()
  })
})

describe('KurrentDB errors', () => {
  it('tells transient failures from permanent ones', () => {
    expect(isTransient({ type: 'not-leader' })).toBe(true)
    expect(isTransient({ type: 'unavailable' })).toBe(true)
    expect(
      isTransient(Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 })),
    ).toBe(true)
    expect(isTransient({ type: 'access-denied' })).toBe(false)
    expect(isTransient(undefined)).toBe(false)
    expect(isPermanent({ type: 'access-denied' })).toBe(true)
    expect(isPermanent(new UnsupportedPositionError('shared'))).toBe(true)
    expect(isPermanent({ type: 'unavailable' })).toBe(false)
  })

  it('recognises a read that started inside a record', () => {
    expect(isInvalidPosition(new Error('Trying to read from an invalid position.'))).toBe(true)
    expect(
      isInvalidPosition({
        message: 'unknown',
        _raw: { details: 'Trying to read from an invalid position.' },
      }),
    ).toBe(true)
    expect(isInvalidPosition(new Error('Access Denied'))).toBe(false)
  })

  it("turns the server's wrong expected version into the port's error, with the stream's revision", () => {
    const atRevision = new WrongExpectedVersionError(undefined, {
      streamName: 's',
      expected: 'no_stream',
      current: 0n,
    })
    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 's',
      expected: 3n,
      current: 'no_stream',
    })
    const first = toAppendError(atRevision, 's', 'no_stream') as WrongExpectedRevisionError
    expect(first).toBeInstanceOf(WrongExpectedRevisionError)
    expect(first.actual).toBe(0n)
    expect((toAppendError(missing, 's', 3n) as WrongExpectedRevisionError).actual).toBeUndefined()
    const tooLarge = Object.assign(new Error('Maximum Append Size of 1048576 Exceeded.'), {
      type: 'maximum-append-size-exceeded',
    })
    expect(toAppendError(tooLarge, 's', 'any')).toBeInstanceOf(InvalidAppendError)
    const other = new Error('other')
    expect(toAppendError(other, 's', 'any')).toBe(other)
  })

  it('backs off from 100 ms, doubling, to at most 5 s', () => {
    expect([1, 2, 3, 6, 7, 30].map(backoffMs)).toEqual([100, 200, 400, 3200, 5000, 5000])
  })
})

describe('PositionAnchors', () => {
  it('finds the latest known position at or before one, in any order of noting', () => {
    const anchors = new PositionAnchors()
    for (const position of [300n, 100n, 200n, 200n, 500n]) anchors.note(position)
    expect(anchors.size).toBe(4)
    expect(anchors.atOrBefore(50n)).toBeUndefined()
    expect(anchors.atOrBefore(100n)).toBe(100n)
    expect(anchors.atOrBefore(299n)).toBe(200n)
    expect(anchors.atOrBefore(10_000n)).toBe(500n)
  })

  it('keeps the newest and every other one when full, so it still covers all it saw', () => {
    const anchors = new PositionAnchors(8)
    for (let i = 1n; i <= 9n; i++) anchors.note(i * 10n)
    expect(anchors.size).toBeLessThanOrEqual(8)
    expect(anchors.atOrBefore(95n)).toBe(90n)
    expect(anchors.atOrBefore(15n)).toBe(10n)
    expect(anchors.atOrBefore(25n)).toBe(10n)
  })
})
