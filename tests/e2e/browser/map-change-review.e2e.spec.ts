/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, personContext, phone, policyViolations, screenshots } from '../../support/browser.js'
import { post, type Session, setUpSchool } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('map-change-review')

const lane = (page: Page, subject: string): Locator =>
  page.locator(`[data-testid=lane][data-subject="${subject}"]`)
const reviewLane = (page: Page, subject: string): Locator =>
  page.locator(`[data-testid=review-lane][data-subject="${subject}"]`)

describe('a change of the shared activity reaches every lane, and each teacher reviews theirs', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let sari: Session
  let budi: Session
  let sariPage: Page
  let budiPage: Page
  let mapUrl = ''

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-map-change-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    const school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
    const map = await post<{ id: string }>(
      server.httpUrl,
      '/api/maps',
      { title: 'Proyek tape ketan', template: 'tape-ketan', team: [budi.user.memberId] },
      sari.token,
    )
    mapUrl = `${server.httpUrl}/peta/${map.id}`
  })
  afterAll(() => {
    expect(policyViolations).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('names the lane teachers on the map', async () => {
    sariPage = await (await personContext(browser, { session: sari, device: phone })).newPage()
    budiPage = await (await personContext(browser, { session: budi, device: phone })).newPage()
    await Promise.all([sariPage.goto(mapUrl), budiPage.goto(mapUrl)])
    await sariPage.getByTestId('map-list').waitFor()
    await budiPage.getByTestId('map-list').waitFor()
    await expect.poll(() => sariPage.getByTestId('lane').count(), { timeout: 10_000 }).toBe(6)
    const sariTeacher = lane(sariPage, 'Matematika').getByTestId('lane-teacher')
    await sariTeacher.fill('Bu Sari')
    await sariTeacher.press('Enter')
    const budiTeacher = lane(budiPage, 'Kimia (termokimia)').getByTestId('lane-teacher')
    await budiTeacher.fill('Pak Budi')
    await budiTeacher.press('Enter')
    await expect
      .poll(() => lane(budiPage, 'Matematika').getByTestId('lane-teacher').inputValue(), { timeout: 10_000 })
      .toBe('Bu Sari')
    await expect.poll(() => sariPage.getByTestId('lane-review-flag').count(), { timeout: 10_000 }).toBe(0)
  })

  it('flags Bu Sari’s lane live when Pak Budi announces the shorter fermentation', async () => {
    const description = budiPage.getByTestId('activity-description')
    await description.fill((await description.inputValue()).replace('tiga hari', 'dua hari'))
    await description.press('Tab')
    await expect
      .poll(() => sariPage.getByTestId('activity-description').inputValue(), { timeout: 10_000 })
      .toMatch(/dua hari/)
    await budiPage.getByTestId('change-summary').fill('Fermentasi dua hari, bukan tiga')
    await budiPage.getByTestId('announce-change').click()
    await expect
      .poll(() => budiPage.getByTestId('review-progress').textContent(), { timeout: 10_000 })
      .toBe('1 dari 6 jalur sudah ditinjau')

    await expect
      .poll(() => lane(sariPage, 'Matematika').getByTestId('lane-review-flag').count(), { timeout: 10_000 })
      .toBe(1)
    expect(await lane(sariPage, 'Kimia (termokimia)').getByTestId('lane-review-flag').count()).toBe(0)
    expect(await sariPage.getByTestId('lane-review-flag').count()).toBe(5)
    const change = sariPage.getByTestId('activity-change')
    await expect
      .poll(() => change.locator('h3').textContent(), { timeout: 10_000 })
      .toBe('Fermentasi dua hari, bukan tiga')
    expect(await change.locator('del').textContent()).toMatch(/tiga hari/)
    expect(await change.locator('ins').textContent()).toMatch(/dua hari/)
    expect(await reviewLane(sariPage, 'Kimia (termokimia)').textContent()).toMatch(
      /Sudah ditinjau oleh Pak Budi/,
    )
    expect(await reviewLane(sariPage, 'Matematika').textContent()).toMatch(/Menunggu Bu Sari/)
    expect(await reviewLane(budiPage, 'Matematika').getByTestId('acknowledge').count()).toBe(0)
    await shots.take(sariPage, 'flagged-lane-phone')
  })

  it('shows Pak Budi live that Bu Sari has reviewed her lane', async () => {
    await reviewLane(sariPage, 'Matematika').getByTestId('acknowledge').click()
    await expect
      .poll(() => reviewLane(budiPage, 'Matematika').textContent(), { timeout: 10_000 })
      .toMatch(/Sudah ditinjau oleh Bu Sari/)
    await expect
      .poll(() => budiPage.getByTestId('review-progress').textContent(), { timeout: 10_000 })
      .toBe('2 dari 6 jalur sudah ditinjau')
    await expect
      .poll(() => lane(sariPage, 'Matematika').getByTestId('lane-review-flag').count(), { timeout: 10_000 })
      .toBe(0)
    expect(await reviewLane(budiPage, 'Ekonomi').textContent()).toMatch(/Menunggu tim peta/)
    await budiPage.getByTestId('activity-changes').locator('summary').click()
    await expect
      .poll(() => budiPage.getByTestId('map-events').locator('li').first().textContent(), { timeout: 10_000 })
      .toMatch(/Bu Sari sudah meninjau jalur Matematika/)
    await shots.take(budiPage, 'reviewed-phone')

    await sariPage.goto(server.httpUrl)
    await sariPage.getByTestId('pending-reviews').waitFor()
    expect(await sariPage.getByTestId('pending-reviews').textContent()).toMatch(
      /Ekonomi di “Proyek tape ketan”/,
    )
    expect(await sariPage.getByTestId('pending-reviews').textContent()).not.toMatch(/Matematika/)
  })
})
