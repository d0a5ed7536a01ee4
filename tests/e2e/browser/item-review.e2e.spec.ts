/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, personContext, phone, policyViolations, screenshots } from '../../support/browser.js'
import { type Session, setUpSchool, type TestSchool } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('item-review')
const poll = { timeout: 10_000 }
const item = (page: Page, index: number): Locator => page.getByTestId('review-item').nth(index)

describe('two teachers review the items of a test together', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let school: TestSchool
  let agus: Session
  let budi: Session
  let agusPage: Page
  let budiPage: Page

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-review-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    school = await setUpSchool(server.httpUrl)
    agus = await school.member('teacher', 'Pak Agus')
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

  it('starts a review with two items and Pak Budi as a reviewer', async () => {
    agusPage = await (await personContext(browser, { session: agus, device: phone })).newPage()
    await agusPage.goto(`${server.httpUrl}/telaah-soal`)
    await agusPage.getByTestId('new-review').click()
    const form = agusPage.getByTestId('new-review-form')
    await form.locator('input[name=testName]').fill('PTS genap')
    await form.locator('input[name=subject]').fill('Biologi')
    await form.locator('input[name=className]').fill('XI')
    await form.locator('input[name=testDate]').fill('2026-03-24')
    await form.getByLabel('Pak Budi').check()
    await form
      .locator('textarea[name=items]')
      .fill('Mikroorganisme pada tape ketan adalah …\nMengapa wadah tape ditutup rapat?')
    await form.getByRole('button', { name: 'Mulai' }).click()
    await agusPage.getByTestId('review-title').waitFor()
    await expect.poll(() => agusPage.getByTestId('review-item').count(), poll).toBe(2)
    expect(await agusPage.getByTestId('reviewers').textContent()).toBe('Pak Agus, Pak Budi')
  })

  it('shows each text, comment and status live to the other reviewer', async () => {
    budiPage = await (await personContext(browser, { session: budi })).newPage()
    await budiPage.goto(agusPage.url())
    const budiText = item(budiPage, 0).locator('textarea')
    await expect.poll(() => budiText.inputValue(), poll).toBe('Mikroorganisme pada tape ketan adalah …')
    await budiText.click()
    await budiText.press('Control+End')
    await budiText.pressSequentially(' (pilih satu)', { delay: 10 })
    await expect
      .poll(() => item(agusPage, 0).locator('textarea').inputValue(), poll)
      .toBe('Mikroorganisme pada tape ketan adalah … (pilih satu)')

    await item(agusPage, 1).locator('input[name=comment]').fill('Tambahkan kata anaerob.')
    await item(agusPage, 1).getByRole('button', { name: 'Kirim' }).click()
    await expect
      .poll(() => item(budiPage, 1).getByTestId('item-comment').allTextContents(), poll)
      .toEqual([expect.stringContaining('Pak Agus: Tambahkan kata anaerob.')])

    await item(budiPage, 1).locator('[data-set-status=revise]').click()
    await expect.poll(() => item(agusPage, 1).getAttribute('data-status'), poll).toBe('revise')
    expect(await item(agusPage, 1).getByTestId('item-status').textContent()).toBe('Perlu direvisi')
    expect(await agusPage.getByTestId('finish-review').isDisabled()).toBe(true)
    await shots.take(agusPage, 'review-phone')
  })

  it('is finished once every item is agreed or dropped; the items are then read-only for both', async () => {
    await item(budiPage, 0).locator('[data-set-status=agreed]').click()
    await item(budiPage, 1).locator('[data-set-status=dropped]').click()
    await expect.poll(() => agusPage.getByTestId('finish-review').isDisabled(), poll).toBe(false)
    await agusPage.getByTestId('finish-review').click()
    await expect.poll(() => budiPage.getByTestId('review-state').textContent(), poll).toContain('Selesai')
    await budiPage.getByTestId('read-only').waitFor()
    expect(await item(budiPage, 0).locator('textarea').getAttribute('readonly')).toBe('')
    await expect
      .poll(() => budiPage.getByTestId('review-timeline').textContent(), poll)
      .toContain('Pak Agus menyelesaikan telaah')
    await shots.take(budiPage, 'review-finished-desktop')
  })

  it("opens the items' text history, with Pak Budi's words in the latest revision", async () => {
    await budiPage.getByRole('link', { name: 'Riwayat teks soal' }).click()
    await budiPage.getByTestId('history-title').waitFor()
    expect(await budiPage.getByTestId('history-title').textContent()).toContain('PTS genap')
    await expect
      .poll(() => budiPage.getByTestId('replay-view').locator('.text').allTextContents(), poll)
      .toContain('Mikroorganisme pada tape ketan adalah … (pilih satu)')
    await shots.take(budiPage, 'item-texts-history')
  })
})
