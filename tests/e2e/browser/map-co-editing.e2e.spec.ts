/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, personContext, phone, policyViolations, screenshots } from '../../support/browser.js'
import { type Session, setUpSchool, type TestSchool } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('map-co-editing')

/** The lane of a subject, on the canvas or in the list. */
const lane = (page: Page, subject: string): Locator =>
  page.locator(`[data-testid=lane][data-subject="${subject}"]`)
const laneText = (page: Page, subject: string, field: string): Locator =>
  lane(page, subject).getByTestId(`lane-field-${field}`).locator('textarea')

describe('two teachers build the tape ketan activity map together', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let school: TestSchool
  let sari: Session
  let budi: Session
  let sariPage: Page
  let budiPage: Page
  let mapUrl = ''

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-map-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
  })
  afterAll(() => {
    expect(policyViolations).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('starts a map from the tape ketan template and forms its team', async () => {
    sariPage = await (await personContext(browser, { session: sari, device: phone })).newPage()
    await sariPage.goto(server.httpUrl)
    await sariPage.getByTestId('new-map').click()
    await expect.poll(() => sariPage.locator('select[name=template]').inputValue()).toBe('tape-ketan')
    await expect.poll(() => sariPage.locator('input[name=title]').inputValue()).toBe('Membuat tape ketan')
    await sariPage.getByRole('button', { name: 'Buat' }).click()
    await sariPage.getByTestId('map-title').waitFor()
    mapUrl = sariPage.url()
    await sariPage.getByTestId('map-list').waitFor()
    await expect.poll(() => sariPage.getByTestId('lane').count()).toBe(6)
    await sariPage.getByTestId('team').locator('select').selectOption({ label: 'Pak Budi' })
    await sariPage.getByTestId('team').getByRole('button', { name: '+' }).click()
    await expect.poll(() => sariPage.getByTestId('team').textContent()).toContain('Pak Budi')
    await shots.take(sariPage, 'map-list-phone')
  })

  it('shows each edit live to the other: lane texts, a teacher, a new lane', async () => {
    budiPage = await (await personContext(browser, { session: budi })).newPage()
    await budiPage.goto(mapUrl)
    await budiPage.getByTestId('map-canvas').waitFor()
    await expect.poll(() => budiPage.getByTestId('lane').count()).toBe(6)
    await expect.poll(() => sariPage.getByTestId('peer').allTextContents()).toContain('Pak Budi')

    const sariTasks = laneText(sariPage, 'Matematika', 'tasks')
    await sariTasks.click()
    await sariTasks.press('Control+End')
    await sariTasks.pressSequentially(' Hari ke-2: timbang lagi.', { delay: 10 })
    await expect
      .poll(() => laneText(budiPage, 'Matematika', 'tasks').inputValue())
      .toMatch(/persentasenya Hari ke-2: timbang lagi\.$/)

    const budiSchedule = laneText(budiPage, 'Kimia (termokimia)', 'schedule')
    await budiSchedule.click()
    await budiSchedule.pressSequentially('Senin-Rabu, jam ke-3', { delay: 10 })
    await expect
      .poll(() => laneText(sariPage, 'Kimia (termokimia)', 'schedule').inputValue())
      .toBe('Senin-Rabu, jam ke-3')

    const teacher = lane(budiPage, 'Ekonomi').getByTestId('lane-teacher')
    await teacher.fill('Pak Budi')
    await teacher.press('Enter')
    await expect
      .poll(() => lane(sariPage, 'Ekonomi').getByTestId('lane-teacher').inputValue())
      .toBe('Pak Budi')

    await budiPage.getByTestId('add-lane').click()
    await expect.poll(() => sariPage.getByTestId('lane').count()).toBe(7)
    await expect.poll(() => lane(sariPage, 'Mata pelajaran baru').count()).toBe(1)
    await shots.take(budiPage, 'map-canvas-desktop')
    await shots.take(sariPage, 'map-list-phone-after')
  })

  it('gives a supervisor the map live and read-only', async () => {
    const supervisor = await school.member('supervisor', 'Pak Pengawas')
    const page = await (await personContext(browser, { session: supervisor })).newPage()
    await page.goto(mapUrl)
    await page.getByTestId('read-only').waitFor()
    await expect
      .poll(() => laneText(page, 'Kimia (termokimia)', 'schedule').inputValue())
      .toBe('Senin-Rabu, jam ke-3')
    expect(await laneText(page, 'Matematika', 'tasks').getAttribute('readonly')).toBe('')
    expect(await page.getByTestId('add-lane').count()).toBe(0)
    await laneText(budiPage, 'Biologi (bioteknologi)', 'indicators').fill('Menjelaskan peran ragi')
    await expect
      .poll(() => laneText(page, 'Biologi (bioteknologi)', 'indicators').inputValue())
      .toBe('Menjelaskan peran ragi')
    await shots.take(page, 'supervisor-read-only')
  })
})
