export const roles = ['principal', 'teacher', 'coach', 'staff', 'committee', 'supervisor'] as const

export type Role = (typeof roles)[number]

/** How each role is named in the interface: Bahasa Indonesia first, English second. */
export const roleLabels: Record<Role, { id: string; en: string }> = {
  principal: { id: 'Kepala Sekolah', en: 'Principal' },
  teacher: { id: 'Guru', en: 'Teacher' },
  coach: { id: 'Pembimbing', en: 'Coach' },
  staff: { id: 'Tenaga Kependidikan', en: 'Education staff' },
  committee: { id: 'Komite Sekolah', en: 'School committee' },
  supervisor: { id: 'Pengawas', en: 'Supervisor' },
}
