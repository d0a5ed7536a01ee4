import type { DecisionOutcome, DecisionPosition, MeetingKind } from '@rembuk/domain'
import PDFDocument from 'pdfkit'
import type { Minutes, ProposalMinutes } from './minutes.js'

const kindLabels: Record<MeetingKind, string> = {
  protocol: 'Rapat Protokol',
  'learning-group': 'Kelompok Belajar Guru (KKG/MGMP)',
  team: 'Rapat Tim',
}
const positionLabels: Record<DecisionPosition, string> = {
  agree: 'Setuju',
  abstain: 'Abstain',
  disagree: 'Tidak setuju',
  block: 'Menolak (blok)',
}
const outcomeLabels: Record<DecisionOutcome, string> = {
  accepted: 'Diterima',
  rejected: 'Ditolak',
  deferred: 'Ditunda',
}

const longDate = (isoDate: string) =>
  new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).toLocaleDateString('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })

/** The minutes as a PDF with Bahasa Indonesia headings; uncompressed, so its text can be searched as is. */
export function minutesPdf(minutes: Minutes): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: { Title: `Notulen: ${minutes.title}`, Author: minutes.school },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
  })

  const heading = (text: string, size = 13) =>
    pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text)
  const line = (text: string, indent = 0) => pdf.font('Helvetica').fontSize(10.5).text(text, { indent })
  const names = (people: { name: string }[]) => people.map((p) => p.name).join(', ') || '-'

  pdf.font('Helvetica-Bold').fontSize(20).text('Notulen')
  pdf.font('Helvetica-Bold').fontSize(15).text(minutes.title)
  line(`${kindLabels[minutes.kind]} - ${minutes.school}`)
  line(`Tanggal: ${longDate(minutes.date)}`)
  line(`Pimpinan rapat: ${minutes.chair.name}`)
  if (!minutes.closed) line('Rapat belum ditutup.')

  heading('Hadir')
  line(names(minutes.attendance.present))
  heading('Tidak hadir', 11)
  line(names(minutes.attendance.absent))

  heading('Agenda')
  for (const item of minutes.agenda) {
    heading(`${item.key}. ${item.title}`, 11.5)
    if (item.notes.length > 0) {
      line('Catatan:')
      for (const note of item.notes) line(`- ${note.text} (${note.by.name})`, 12)
    }
    for (const proposal of item.proposals) writeProposal(proposal)
    if (item.notes.length === 0 && item.proposals.length === 0) line('Tidak ada catatan.')
  }
  if (minutes.otherProposals.length > 0) {
    heading('Usulan lain')
    for (const proposal of minutes.otherProposals) writeProposal(proposal)
  }
  pdf.end()
  return done

  function writeProposal(proposal: ProposalMinutes) {
    pdf.moveDown(0.4).font('Helvetica-Bold').fontSize(10.5).text(`Usulan: ${proposal.title}`, { indent: 12 })
    line(`Diajukan oleh ${proposal.proposedBy.name}. ${proposal.text}`, 12)
    if (proposal.options.length > 0)
      line(`Pilihan: ${proposal.options.map((option) => option.text).join('; ')}`, 12)
    if (proposal.positions.length > 0) {
      line('Sikap:', 12)
      for (const held of proposal.positions) {
        const reason = held.reason ? ` - ${held.reason}` : ''
        const before = held.changed
          ? ` (berubah dari: ${held.earlier.map((e) => positionLabels[e.position]).join(', ')})`
          : ''
        line(`- ${held.name}: ${positionLabels[held.position]}${reason}${before}`, 24)
      }
    }
    for (const mediation of proposal.mediations) line(`Mediasi (${mediation.by.name}): ${mediation.text}`, 12)
    for (const outcome of proposal.outcomes) {
      const option = outcome.option ? ` - ${outcome.option}` : ''
      line(`Keputusan: ${outcomeLabels[outcome.outcome]}${option} (${outcome.by.name})`, 12)
      line(`Alasan: ${outcome.rationale}`, 24)
      if (outcome.reviewDate) line(`Tanggal tinjau: ${longDate(outcome.reviewDate)}`, 24)
    }
    for (const revisit of proposal.revisits) line(`Dibuka kembali (${revisit.by.name}): ${revisit.text}`, 12)
    if (proposal.status === 'open') line('Keputusan: belum diambil.', 12)
  }
}
