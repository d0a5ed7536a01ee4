/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, personContext, phone, policyViolations, screenshots } from '../../support/browser.js'
import { type Session, setUpSchool } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('team-teaching')
const live = { timeout: 10_000 }

const prep = (page: Page): Locator => page.getByTestId('prep-document').locator('textarea')
const lessons = (page: Page): Locator => page.getByTestId('lesson')
const laneOf = (page: Page, lesson: number, who: Session): Locator =>
  lessons(page).nth(lesson).locator(`[data-testid=task-lane][data-member="${who.user.memberId}"]`)
const roleOf = (page: Page, lesson: number, who: Session) =>
  lessons(page)
    .nth(lesson)
    .locator(`[data-testid=role][data-member="${who.user.memberId}"]`)
    .getAttribute('data-role')
const reflectionOf = (page: Page, who: Session) =>
  lessons(page).first().locator(`[data-testid=reflection][data-member="${who.user.memberId}"]`).textContent()

describe('two teachers plan, teach and evaluate a lesson together', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let sari: Session
  let budi: Session
  let sariPage: Page
  let budiPage: Page

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-teaching-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    const school = await setUpSchool(server.httpUrl)
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

  async function addTask(lane: Locator, text: string) {
    await lane.getByTestId('add-task').locator('input').fill(text)
    await lane.getByTestId('add-task').getByRole('button', { name: 'Tambah' }).click()
    await expect
      .poll(() => lane.getByTestId('task').allTextContents(), live)
      .toContainEqual(expect.stringContaining(text))
  }

  it('forms a one-teach / one-observe pair from the app bar, on a phone', async () => {
    sariPage = await (await personContext(browser, { session: sari, device: phone })).newPage()
    await sariPage.goto(server.httpUrl)
    await sariPage.getByTestId('nav-teaching').click()
    await sariPage.getByTestId('new-teaching').click()
    const form = sariPage.getByTestId('new-teaching-form')
    await form.locator('input[name=title]').fill('Tape ketan: susut berat dan suhu')
    await form.locator('input[name=className]').fill('XI IPA 2')
    await form.locator('input[name=subjects]').fill('Matematika, Kimia')
    expect(await form.locator('select[name=model]').inputValue()).toBe('one-teach-one-observe')
    await form.getByLabel('Pak Budi').check()
    await form.getByRole('button', { name: 'Buat' }).click()
    await expect
      .poll(() => sariPage.getByTestId('teaching-title').textContent(), live)
      .toBe('Tape ketan: susut berat dan suhu')
    expect(await sariPage.getByTestId('teaching-teachers').textContent()).toContain('Pak Budi')
    await shots.take(sariPage, 'pair-phone')
  })

  it('co-edits the preparation live', async () => {
    budiPage = await (await personContext(browser, { session: budi })).newPage()
    await budiPage.goto(sariPage.url())
    await expect.poll(() => prep(budiPage).inputValue(), live).toMatch(/^Tape ketan: susut berat dan suhu\n/)
    await expect.poll(() => sariPage.getByTestId('peer').allTextContents(), live).toContain('Pak Budi')

    await prep(sariPage).click()
    await prep(sariPage).press('Control+End')
    await prep(sariPage).pressSequentially('Timbangan digital dua buah.', { delay: 10 })
    await expect.poll(() => prep(budiPage).inputValue(), live).toMatch(/Timbangan digital dua buah\.$/)
    await prep(budiPage).click()
    await prep(budiPage).press('Control+End')
    await prep(budiPage).pressSequentially(' Termometer untuk suhu wadah.', { delay: 10 })
    await expect
      .poll(() => prep(sariPage).inputValue(), live)
      .toMatch(/Timbangan digital dua buah\. Termometer untuk suhu wadah\.$/)
  })

  it('schedules a lesson the other sees at once, with Bu Sari teaching and Pak Budi observing', async () => {
    const form = sariPage.getByTestId('schedule-form')
    await form.locator('input[name=date]').fill('2026-04-13')
    await form.locator('input[name=place]').fill('Lab kimia')
    await form.getByRole('button', { name: 'Jadwalkan pelajaran' }).click()
    await expect.poll(() => lessons(budiPage).count(), live).toBe(1)
    expect(await roleOf(budiPage, 0, sari)).toBe('teach')
    expect(await roleOf(budiPage, 0, budi)).toBe('observe')
  })

  it('fills each teacher’s task lane, and each ticks their own task', async () => {
    await addTask(laneOf(sariPage, 0, sari), 'Siapkan timbangan')
    await addTask(laneOf(sariPage, 0, budi), 'Siapkan termometer')
    const budiTask = laneOf(budiPage, 0, budi).getByTestId('task')
    await expect.poll(() => budiTask.textContent(), live).toContain('Siapkan termometer')
    expect(await laneOf(budiPage, 0, sari).getByRole('checkbox').isDisabled()).toBe(true)

    await budiTask.getByRole('checkbox').check()
    await expect
      .poll(() => laneOf(sariPage, 0, budi).getByTestId('task').getAttribute('data-done'), live)
      .toBe('true')
    await laneOf(sariPage, 0, sari).getByTestId('task').getByRole('checkbox').check()
    await expect
      .poll(() => laneOf(budiPage, 0, sari).getByTestId('task').getAttribute('data-done'), live)
      .toBe('true')
    await shots.take(budiPage, 'task-lanes-desktop')
  })

  it('after the lesson, each reflects and the pair agrees a conclusion, each seeing the other live', async () => {
    await budiPage.getByTestId('mark-taught').click()
    await expect.poll(() => lessons(sariPage).first().getAttribute('data-taught'), live).toBe('true')

    await sariPage.getByTestId('note-core-actual').click()
    await sariPage
      .getByTestId('phase-core-actual')
      .locator('textarea')
      .fill('Timbangan kedua rusak; dipakai bergantian.')
    await sariPage.getByTestId('phase-core-actual').getByRole('button', { name: 'Simpan' }).click()
    await expect
      .poll(() => budiPage.getByTestId('phase-core-actual').textContent(), live)
      .toContain('Timbangan kedua rusak')

    const sariForm = sariPage.getByTestId('reflection-form')
    await sariForm.locator('textarea').fill('Siswa antusias menimbang, tetapi antre.')
    await sariForm.getByRole('button', { name: 'Simpan refleksi' }).click()
    await expect.poll(() => reflectionOf(budiPage, sari), live).toContain('Siswa antusias menimbang')
    const budiForm = budiPage.getByTestId('reflection-form')
    await budiForm.locator('textarea').fill('Pengamatan: kelompok belakang kurang terlibat.')
    await budiForm.getByRole('button', { name: 'Simpan refleksi' }).click()
    await expect.poll(() => reflectionOf(sariPage, budi), live).toContain('kelompok belakang')

    const conclusion = budiPage.getByTestId('conclusion-form')
    await conclusion.locator('textarea').fill('Bawa dua timbangan dan atur giliran per kelompok.')
    await conclusion.getByRole('button', { name: 'Usulkan kesimpulan' }).click()
    await expect
      .poll(() => sariPage.getByTestId('conclusion').getAttribute('data-agreed'), live)
      .toBe('false')
    await sariPage.getByTestId('agree').click()
    await expect.poll(() => budiPage.getByTestId('conclusion').getAttribute('data-agreed'), live).toBe('true')
    await expect
      .poll(() => budiPage.getByTestId('teaching-timeline').locator('li').first().textContent(), live)
      .toContain('Bu Sari menyetujui kesimpulan bersama')
    await shots.take(sariPage, 'evaluation-phone')
  })

  it('swaps the roles for the next lesson', async () => {
    const form = budiPage.getByTestId('schedule-form')
    await form.locator('input[name=date]').fill('2026-04-20')
    await form.locator('input[name=place]').fill('Kelas XI IPA 2')
    await form.getByRole('button', { name: 'Jadwalkan pelajaran' }).click()
    await expect.poll(() => lessons(sariPage).count(), live).toBe(2)
    expect(await roleOf(sariPage, 1, sari)).toBe('observe')
    expect(await roleOf(sariPage, 1, budi)).toBe('teach')
  })

  it('opens the history of the preparation, with both teachers’ edits', async () => {
    await budiPage.getByTestId('prep-history').click()
    await expect
      .poll(() => budiPage.getByTestId('history-title').textContent(), live)
      .toContain('Tape ketan: susut berat dan suhu')
    await expect
      .poll(() => budiPage.getByTestId('replay-field-preparation').textContent(), live)
      .toContain('Termometer untuk suhu wadah.')
    await budiPage.getByRole('link', { name: /Kembali ke pasangan/ }).click()
    await budiPage.getByTestId('teaching-title').waitFor()
  })
})
