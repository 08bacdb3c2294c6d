/** The fields (lĩnh vực) of the procedure catalogue, in its order, named in both languages: the dashboard and the report's PDF and XLSX print these. */
export const FIELD_NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  'civil-status': { vi: 'Hộ tịch', en: 'Civil status' },
  certification: { vi: 'Chứng thực', en: 'Certification' },
  land: { vi: 'Đất đai', en: 'Land' },
  construction: { vi: 'Xây dựng', en: 'Construction' },
  'household-business': { vi: 'Hộ kinh doanh', en: 'Household business' },
  'social-protection': { vi: 'Bảo trợ xã hội', en: 'Social protection' },
  'meritorious-people': { vi: 'Người có công', en: 'Meritorious people' },
  education: { vi: 'Giáo dục', en: 'Education' },
  agriculture: { vi: 'Nông nghiệp', en: 'Agriculture' },
};
