/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, personContext, phone, policyViolations, screenshots } from '../../support/browser.js'
import { type Session, setUpSchool } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('walkthrough')
const privateNote = 'Saya sendiri perlu belajar memberi waktu tunggu'
const status = (page: Page) => page.getByTestId('walkthrough-status').getAttribute('data-status')

describe('Pak Agus observes Bu Wati’s lesson, each seeing the other’s steps live', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let agus: Session
  let wati: Session
  let agusPage: Page
  let watiPage: Page

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-walkthrough-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    const school = await setUpSchool(server.httpUrl)
    agus = await school.member('teacher', 'Pak Agus')
    wati = await school.member('teacher', 'Bu Wati')
  })
  afterAll(() => {
    expect(policyViolations).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('agrees the walkthrough: Pak Agus proposes, Bu Wati sees it arrive and agrees', async () => {
    watiPage = await (await personContext(browser, { session: wati })).newPage()
    await watiPage.goto(`${server.httpUrl}/observasi`)
    await watiPage.getByTestId('walkthrough-list').waitFor()

    agusPage = await (await personContext(browser, { session: agus, device: phone })).newPage()
    await agusPage.goto(server.httpUrl)
    await agusPage.getByTestId('nav-walkthroughs').click()
    await agusPage.getByTestId('new-walkthrough').click()
    const form = agusPage.getByTestId('new-walkthrough-form')
    await expect
      .poll(() => form.locator('select[name=colleague] option').allTextContents(), { timeout: 10_000 })
      .toContain('Bu Wati')
    await form.locator('select[name=colleague]').selectOption({ label: 'Bu Wati' })
    await form.locator('input[name=className]').fill('XI IPS 2')
    await form.locator('input[name=lessonAt]').fill('2026-04-07T09:00')
    await form.locator('input[name=focus][value=engagement]').check()
    await form.locator('input[name=focus][value=connection]').check()
    await shots.take(agusPage, 'agreement-form-phone')
    await form.getByRole('button', { name: 'Usulkan' }).click()
    await expect.poll(() => status(agusPage), { timeout: 10_000 }).toBe('proposed')

    const card = watiPage.getByTestId('walkthrough-card')
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1)
    await card.getByRole('link').click()
    await expect
      .poll(() => watiPage.getByTestId('agreed-focus').allTextContents(), { timeout: 10_000 })
      .toEqual(['Keterlibatan siswa', 'Pembelajaran terhubung (siswa merespons dan menuju tujuan)'])
    await watiPage.getByTestId('agree').click()
    await expect.poll(() => status(agusPage), { timeout: 10_000 }).toBe('agreed')
  })

  it('observes: the observer’s shared notes reach Bu Wati live, the private one never does', async () => {
    const noteForm = agusPage.getByTestId('note-form')
    await noteForm.waitFor()
    await noteForm.locator('select[name=focus]').selectOption('engagement')
    await noteForm.locator('input[name=minute]').fill('12')
    await noteForm
      .locator('textarea[name=note]')
      .fill('Semua kelompok menimbang beras ketan dan mencatat biaya')
    await noteForm.getByRole('button', { name: 'Simpan catatan' }).click()
    await expect
      .poll(() => watiPage.getByTestId('note').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('Semua kelompok menimbang beras ketan')])

    await noteForm.locator('select[name=focus]').selectOption('connection')
    await noteForm.locator('input[name=minute]').fill('30')
    await noteForm.locator('textarea[name=note]').fill(privateNote)
    await noteForm.locator('input[name=private]').check()
    await noteForm.getByRole('button', { name: 'Simpan catatan' }).click()
    await expect.poll(() => agusPage.getByTestId('note').count(), { timeout: 10_000 }).toBe(2)
    await agusPage.getByTestId('complete-observation').click()
    await expect.poll(() => status(watiPage), { timeout: 10_000 }).toBe('observed')
    expect(await watiPage.getByTestId('note').count()).toBe(1)
    expect(await watiPage.textContent('body')).not.toContain(privateNote)
    await shots.take(agusPage, 'observation-notes-phone')
  })

  it('talks it over: both reflect, each seeing the other’s reflection without reloading', async () => {
    const talk = watiPage.getByTestId('conversation-form')
    await expect.poll(() => talk.textContent(), { timeout: 10_000 }).toContain('Fokus pada belajar siswa')
    await talk.locator('textarea[name=text]').fill('Kelompok 3 belum paham cara menghitung margin.')
    await talk.locator('input[name=question]').fill('Contoh harga apa yang dekat dengan siswa?')
    await talk.getByRole('button', { name: 'Tambahkan ke perbincangan' }).click()
    await expect
      .poll(() => agusPage.getByTestId('conversation-entry').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('Kelompok 3 belum paham')])

    await watiPage
      .getByTestId('reflection-form')
      .locator('textarea')
      .fill('Saya akan memakai harga pasar nyata.')
    await watiPage.getByTestId('reflection-form').getByRole('button').click()
    await agusPage
      .getByTestId('reflection-form')
      .locator('textarea')
      .fill('Saya belajar membagi peran kelompok.')
    await agusPage.getByTestId('reflection-form').getByRole('button').click()
    await expect
      .poll(() => agusPage.getByTestId('reflection').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('membagi peran'), expect.stringContaining('harga pasar nyata')])
    await expect
      .poll(() => watiPage.getByTestId('reflection').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('membagi peran'), expect.stringContaining('harga pasar nyata')])
  })

  it('follows up: Bu Wati commits to what she will try next, and Pak Agus sees it at once', async () => {
    const commit = watiPage.getByTestId('commitment-form')
    await commit.waitFor({ timeout: 10_000 })
    expect(await agusPage.getByTestId('commitment-form').count()).toBe(0)
    await commit
      .locator('textarea[name=commitment]')
      .fill('Memakai daftar harga pasar untuk menghitung margin')
    await commit.locator('input[name=by]').fill('2026-04-14')
    await commit.getByRole('button', { name: 'Simpan komitmen' }).click()
    await expect
      .poll(() => agusPage.getByTestId('commitment').textContent(), { timeout: 10_000 })
      .toContain('Memakai daftar harga pasar')
    await expect.poll(() => status(agusPage), { timeout: 10_000 }).toBe('committed')
    await expect
      .poll(() => watiPage.getByTestId('loop-status').getAttribute('data-loop'), { timeout: 10_000 })
      .toMatch(/open|overdue/)
    const history = await watiPage.getByTestId('walkthrough-timeline').textContent()
    expect(history).toContain('Bu Wati berkomitmen')
    expect(history).not.toContain(privateNote)
    expect(await agusPage.getByTestId('walkthrough-timeline').textContent()).toContain(privateNote)
    await shots.take(watiPage, 'committed-desktop')
    await shots.take(agusPage, 'committed-phone')
  })
})
