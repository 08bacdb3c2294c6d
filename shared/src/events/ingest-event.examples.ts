import type { IngestEvent, IngestEventType } from './ingest-event';

const unit = '24781';
const dossier = '000.00.12.H41-261120-0001';

/** One example of every event type of the contract: the OpenAPI page shows them, a test validates them. */
export const INGEST_EVENT_EXAMPLES: { [T in IngestEventType]: Extract<IngestEvent, { type: T }> } = {
  'dossier.received': {
    id: 'igate-2026-000123-recv',
    unit,
    type: 'dossier.received',
    at: '2026-11-20T08:15:00+07:00',
    dossier: {
      code: dossier,
      procedure: '1.001193',
      field: 'civil-status',
      channel: 'online',
      digitized: true,
      feeRequired: false,
    },
  },
  'dossier.assigned': {
    id: 'igate-2026-000123-assign',
    unit,
    type: 'dossier.assigned',
    at: '2026-11-20T08:30:00+07:00',
    dossier: { code: dossier },
    department: 'Bộ phận Tư pháp - Hộ tịch',
  },
  'dossier.paused': {
    id: 'igate-2026-000123-pause',
    unit,
    type: 'dossier.paused',
    at: '2026-11-20T09:00:00+07:00',
    dossier: { code: dossier },
    reason: 'Thiếu bản sao giấy tờ tùy thân của người đi khai sinh',
  },
  'dossier.resumed': {
    id: 'igate-2026-000123-resume',
    unit,
    type: 'dossier.resumed',
    at: '2026-11-21T08:00:00+07:00',
    dossier: { code: dossier },
  },
  'dossier.resolved': {
    id: 'igate-2026-000123-resolved',
    unit,
    type: 'dossier.resolved',
    at: '2026-11-21T10:00:00+07:00',
    dossier: { code: dossier },
    eResult: true,
  },
  'dossier.paid': {
    id: 'igate-2026-000123-paid',
    unit,
    type: 'dossier.paid',
    at: '2026-11-21T10:05:00+07:00',
    dossier: { code: dossier },
    method: 'online',
  },
  'dossier.synced': {
    id: 'igate-2026-000123-synced',
    unit,
    type: 'dossier.synced',
    at: '2026-11-21T10:10:00+07:00',
    dossier: { code: dossier },
  },
  'dossier.returned': {
    id: 'igate-2026-000123-returned',
    unit,
    type: 'dossier.returned',
    at: '2026-11-21T14:00:00+07:00',
    dossier: { code: dossier },
  },
  'dossier.rejected': {
    id: 'igate-2026-000124-rejected',
    unit,
    type: 'dossier.rejected',
    at: '2026-11-21T15:00:00+07:00',
    dossier: { code: '000.00.12.H41-261120-0002' },
    reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của cấp xã',
  },
  'dossier.withdrawn': {
    id: 'igate-2026-000125-withdrawn',
    unit,
    type: 'dossier.withdrawn',
    at: '2026-11-21T15:30:00+07:00',
    dossier: { code: '000.00.12.H41-261120-0003' },
  },
  'dossier.apologized': {
    id: 'igate-2026-000126-apology',
    unit,
    type: 'dossier.apologized',
    at: '2026-11-24T16:00:00+07:00',
    dossier: { code: '000.00.12.H41-261120-0004' },
    newDueAt: '2026-11-27T17:00:00+07:00',
  },
  'feedback.submitted': {
    id: 'kiosk-2026-11-21-0042',
    unit,
    type: 'feedback.submitted',
    at: '2026-11-21T14:05:00+07:00',
    rating: 5,
    dossier: { code: dossier },
    comment: 'Cán bộ hướng dẫn tận tình, trả kết quả sớm.',
    source: 'kiosk',
  },
};
