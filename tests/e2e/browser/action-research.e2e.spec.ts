/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, personContext, phone, policyViolations, screenshots } from '../../support/browser.js'
import { post, type Session, setUpSchool, type TestSchool } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('action-research')

/**
 * Three of the class teachers of SDN Lulut 2, with their baseline and cycle I scores (a study of fewer than
 * three shows its averages only to those who see every score).
 */
const lisda = { name: 'Bu Lisda', scores: ['40,5', '50,5'] }
const dewi = { name: 'Bu Dewi', scores: ['52,75', '60,6'] }
const nur = { name: 'Bu Nur', scores: ['42,67', '55,7'] }

describe('the coach runs a school action research; a scored teacher follows it live', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let school: TestSchool
  let coach: Session
  let teacher: Session
  let coachPage: Page
  let teacherPage: Page
  let studyUrl = ''

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-pts-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    school = await setUpSchool(server.httpUrl)
    coach = await school.member('coach', 'Bu Maya')
    teacher = await school.member('teacher', lisda.name)
    await school.member('teacher', dewi.name)
    await school.member('teacher', nur.name)
  })
  afterAll(() => {
    expect(policyViolations).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const scoreInput = (page: Page, name: string, cycle: number) =>
    page.locator(`[data-testid=cycle][data-cycle="${cycle}"] input[aria-label="Skor: ${name}"]`)

  it('starts a study from the app bar and opens the baseline', async () => {
    coachPage = await (await personContext(browser, { session: coach })).newPage()
    await coachPage.goto(server.httpUrl)
    await coachPage.getByTestId('nav-research').click()
    await coachPage.getByTestId('new-study').click()
    const form = coachPage.getByTestId('new-study-form')
    await form.locator('input[name=title]').fill('PTS pembelajaran kolaboratif')
    await form.locator('input[name=focus]').fill('Mengimplementasikan pembelajaran kolaboratif')
    await form.locator('input[name=instrument]').fill('Lembar observasi')
    await form.getByLabel(lisda.name).check()
    await form.getByLabel(dewi.name).check()
    await form.getByLabel(nur.name).check()
    await form.getByRole('button', { name: 'Mulai' }).click()
    await coachPage.getByTestId('study-title').waitFor()
    studyUrl = coachPage.url()
    await coachPage.getByTestId('open-cycle').click()
    await coachPage.locator('[data-testid=cycle][data-cycle="0"]').waitFor()
    await expect
      .poll(() => coachPage.locator('[data-testid=cycle] h2').allTextContents(), { timeout: 10_000 })
      .toEqual(['Pra-siklus'])
  })

  it('shows the teacher her own score and the average as the coach enters them, without reloading', async () => {
    teacherPage = await (await personContext(browser, { session: teacher, device: phone })).newPage()
    await teacherPage.goto(studyUrl)
    await teacherPage.getByTestId('study-title').waitFor()
    await expect
      .poll(() => teacherPage.getByTestId('visibility').textContent(), { timeout: 10_000 })
      .toMatch(/nilai Anda sendiri/)

    await scoreInput(coachPage, lisda.name, 0).fill(lisda.scores[0] as string)
    await scoreInput(coachPage, dewi.name, 0).fill(dewi.scores[0] as string)
    await scoreInput(coachPage, nur.name, 0).fill(nur.scores[0] as string)
    await coachPage.locator('[data-testid=cycle][data-cycle="0"]').getByTestId('save-scores').click()
    await expect
      .poll(() => coachPage.locator('[data-cycle="0"] [data-testid=cycle-average]').textContent(), {
        timeout: 10_000,
      })
      .toMatch(/45,31\s*Kurang/)

    const teacherCycle = teacherPage.locator('[data-testid=cycle][data-cycle="0"]')
    await expect
      .poll(() => teacherCycle.getByTestId('cycle-average').textContent(), { timeout: 10_000 })
      .toMatch(/45,31\s*Kurang/)
    await expect
      .poll(() => teacherCycle.locator('tbody tr').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/Bu Lisda\s*40,50\s*40,50\s*Kurang/)])
    expect(await teacherPage.getByTestId('study').textContent()).not.toContain('52,75')

    await coachPage.getByTestId('open-cycle').click()
    await scoreInput(coachPage, lisda.name, 1).fill(lisda.scores[1] as string)
    await scoreInput(coachPage, dewi.name, 1).fill(dewi.scores[1] as string)
    await scoreInput(coachPage, nur.name, 1).fill(nur.scores[1] as string)
    await coachPage.locator('[data-testid=cycle][data-cycle="1"]').getByTestId('save-scores').click()
    await expect
      .poll(() => teacherPage.locator('[data-cycle="1"] [data-testid=cycle-average]').textContent(), {
        timeout: 10_000,
      })
      .toMatch(/55,60\s*Cukup/)
    await expect
      .poll(() =>
        teacherPage
          .locator('[data-testid=progress-table] tbody tr')
          .evaluateAll((rows) =>
            rows.map((row) =>
              [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()).join(' '),
            ),
          ),
      )
      .toEqual(['Bu Lisda 40,50 50,50', 'Rata-rata 45,31 55,60'])
    expect(await teacherPage.locator('[data-testid=progress-chart] svg g[data-series]').count()).toBe(2)
    await shots.take(teacherPage, 'teacher-phone')
    await shots.take(coachPage, 'coach-desktop')
  })

  it('ticks a step of the data-driven cycle with a meeting as its evidence', async () => {
    const meeting = await post<{ id: string }>(
      server.httpUrl,
      '/api/meetings',
      { kind: 'protocol', title: 'Rapat protokol April', date: '2026-04-09' },
      school.principal.token,
    )
    await coachPage.reload()
    const step = coachPage.locator('[data-cycle="1"] [data-testid=data-cycle] li[data-step=discuss]')
    await step.locator('summary').click()
    await step.locator('select[name=dataKind]').selectOption('student-learning')
    await step.locator('select[name=evidenceKind]').selectOption('meeting')
    await step.locator('select[name=record]').selectOption(meeting.id)
    await step.getByRole('button', { name: 'Simpan' }).click()
    const seen = teacherPage.locator('[data-cycle="1"] [data-testid=data-cycle] li[data-step=discuss]')
    await expect
      .poll(() => seen.getByTestId('evidence-link').textContent(), { timeout: 10_000 })
      .toBe('Rapat protokol April')
    expect(await seen.locator('input[type=checkbox]').isChecked()).toBe(true)
    await expect
      .poll(() => teacherPage.getByTestId('research-timeline').locator('li').first().textContent(), {
        timeout: 10_000,
      })
      .toMatch(/Bu Maya mencentang “Diskusikan” pada Siklus I/)
  })
})
