/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, personContext, phone, policyViolations, screenshots } from '../../support/browser.js'
import { type Session, setUpSchool, type TestSchool } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('learning-group')
const poll = { timeout: 10_000 }

describe('the principal forms a learning group; its leader runs it, and the principal follows live', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let school: TestSchool
  let dedi: Session
  let sari: Session
  let principalPage: Page
  let dediPage: Page
  let groupUrl = ''

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-group-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    school = await setUpSchool(server.httpUrl)
    dedi = await school.member('teacher', 'Pak Dedi')
    sari = await school.member('teacher', 'Bu Sari')
  })
  afterAll(() => {
    expect(policyViolations).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('forms the group from the app bar, with Pak Dedi as its leader', async () => {
    principalPage = await (await personContext(browser, { session: school.principal })).newPage()
    await principalPage.goto(server.httpUrl)
    await principalPage.getByTestId('nav-groups').click()
    await principalPage.getByTestId('new-group').click()
    const form = principalPage.getByTestId('new-group-form')
    await form.locator('input[name=name]').fill('MGMP tape ketan')
    await form.locator('select[name=leader]').selectOption({ label: 'Pak Dedi' })
    await form.getByRole('checkbox', { name: 'Bu Sari' }).check()
    await form.getByRole('button', { name: 'Bentuk' }).click()
    await principalPage.getByTestId('group-name').waitFor()
    expect(await principalPage.getByTestId('group-name').textContent()).toContain('MGMP tape ketan')
    await expect.poll(() => principalPage.getByTestId('group-member').count(), poll).toBe(2)
    expect(await principalPage.getByTestId('leader-badge').count()).toBe(1)
    groupUrl = principalPage.url()
  })

  it("shows the leader's plan, meeting, attendance and note to the principal without reloading", async () => {
    dediPage = await (await personContext(browser, { session: dedi, device: phone })).newPage()
    await dediPage.goto(`${server.httpUrl}/kelompok`)
    await dediPage.getByRole('link', { name: 'MGMP tape ketan' }).click()
    await dediPage.getByTestId('edit-plan').click()
    await dediPage.locator('textarea[name=purpose]').fill('Satu rubrik proyek tape ketan')
    await dediPage.locator('textarea[name=processIndicators]').fill('Bertemu dua kali sebulan')
    await dediPage.locator('textarea[name=resultIndicators]').fill('Rubrik dipakai enam mapel')
    await dediPage.locator('input[name=start]').fill('2026-03-01')
    await dediPage.locator('input[name=end]').fill('2026-05-31')
    await dediPage.getByTestId('action-plan').getByRole('button', { name: 'Simpan' }).click()
    await expect
      .poll(() => principalPage.getByTestId('plan-purpose').textContent(), poll)
      .toBe('Satu rubrik proyek tape ketan')

    await dediPage.getByTestId('schedule-meeting').click()
    await dediPage.locator('input[name=date]').fill('2026-03-05')
    await dediPage.locator('input[name=time]').fill('13:30')
    await dediPage.locator('input[name=place]').fill('Ruang guru')
    await dediPage.locator('input[name=topic]').fill('Analisis nilai proyek')
    await dediPage.getByTestId('group-meetings').getByRole('button', { name: 'Jadwalkan pertemuan' }).click()
    await expect.poll(() => principalPage.getByTestId('group-meeting').count(), poll).toBe(1)

    const sariBox = (page: Page) =>
      page.locator(`[data-testid=group-attendee][data-member="${sari.user.memberId}"] input`)
    await sariBox(dediPage).check()
    await expect.poll(() => sariBox(principalPage).isChecked(), poll).toBe(true)
    await dediPage.locator('textarea[name=note]').fill('Nilai Kimia paling rendah pada laporan data suhu.')
    await dediPage.getByRole('button', { name: 'Simpan catatan' }).click()
    await expect
      .poll(() => principalPage.getByTestId('group-note').allTextContents(), poll)
      .toEqual([expect.stringContaining('Nilai Kimia paling rendah')])
    await expect
      .poll(() => principalPage.getByTestId('group-timeline').textContent(), poll)
      .toContain('Pak Dedi mencatat Bu Sari hadir pada pertemuan 5 Maret 2026')
    await shots.take(dediPage, 'group-leader-phone')
  })

  it('raises a decision from the meeting, which shows on the group page and names its group', async () => {
    await dediPage.getByTestId('raise-from-meeting').click()
    await dediPage.locator('input[name=decision-title]').fill('Satu rubrik empat aspek')
    await dediPage.locator('textarea[name=decision-text]').fill('Keenam mapel memakai rubrik yang sama.')
    await dediPage.getByRole('button', { name: 'Ajukan' }).click()
    await expect
      .poll(() => principalPage.getByTestId('group-decision').allTextContents(), poll)
      .toEqual([expect.stringContaining('Satu rubrik empat aspek')])
    await principalPage.getByTestId('group-decision').getByRole('link').click()
    await expect
      .poll(() => principalPage.getByTestId('decision-target').allTextContents(), poll)
      .toEqual(['MGMP tape ketan'])
    await shots.take(principalPage, 'decision-of-group')
  })

  it("collects the group's monthly report on the forum page as the leader sends it", async () => {
    await principalPage.goto(`${server.httpUrl}/forum/2026-03`)
    await expect.poll(() => principalPage.getByTestId('forum-missing').count(), poll).toBe(1)
    await dediPage.goto(groupUrl)
    await dediPage.getByTestId('write-report').click()
    await dediPage.locator('input[name=month]').fill('2026-03')
    await dediPage.locator('textarea[name=done]').fill('Satu pertemuan, analisis nilai proyek.')
    await dediPage.locator('textarea[name=results]').fill('Indikator proses separuh tercapai.')
    await dediPage.locator('textarea[name=needs]').fill('Contoh rubrik dari pengawas.')
    await dediPage.getByTestId('group-reports').getByRole('button', { name: 'Kirim laporan' }).click()
    await expect
      .poll(() => principalPage.getByTestId('forum-report').allTextContents(), poll)
      .toEqual([expect.stringContaining('Contoh rubrik dari pengawas.')])
    expect(await principalPage.getByTestId('forum-missing').count()).toBe(0)
    await shots.take(principalPage, 'forum-march')
  })
})
