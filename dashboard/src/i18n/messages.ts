/** Every string the wall shows. Vietnamese is the wall's language; English is for visitors. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

const vi = {
  'app.title': 'Trung tâm Điều hành Thông minh — tỉnh Lâm Đồng',
  'language.label': 'Ngôn ngữ',
  'language.vi': 'VI',
  'language.en': 'EN',
  'clock.zone': 'Giờ Việt Nam (UTC+7)',
  'clock.weekday.0': 'Chủ nhật',
  'clock.weekday.1': 'Thứ Hai',
  'clock.weekday.2': 'Thứ Ba',
  'clock.weekday.3': 'Thứ Tư',
  'clock.weekday.4': 'Thứ Năm',
  'clock.weekday.5': 'Thứ Sáu',
  'clock.weekday.6': 'Thứ Bảy',
  'connection.connecting': 'Đang kết nối…',
  'connection.live': 'Trực tuyến',
  'connection.resyncing': 'Đang đồng bộ lại',
  'connection.reconnecting': 'Mất kết nối — đang kết nối lại',
  'connection.stale': 'Dữ liệu cũ',
  'banner.resyncing': 'Đang đồng bộ lại số liệu với máy chủ…',
  'banner.reconnecting': 'MẤT KẾT NỐI VỚI MÁY CHỦ — số liệu dưới đây có thể đã cũ',
  'banner.stale': 'KHÔNG NHẬN ĐƯỢC SỐ LIỆU MỚI — số liệu dưới đây có thể đã cũ',
  'banner.lastMessage': 'Lần nhận cuối lúc {time} ({elapsed} trước)',
  'elapsed.seconds': '{count} giây',
  'elapsed.minutes': '{count} phút',
  'elapsed.hours': '{count} giờ',
  'kpi.backlog': 'Hồ sơ đang giải quyết',
  'kpi.overdue': 'Quá hạn',
  'kpi.receivedToday': 'Tiếp nhận hôm nay',
  'kpi.resolvedToday': 'Đã giải quyết hôm nay',
  'kpi.rating': 'Hài lòng TB (30 ngày)',
  'kpi.ratingOutOf': '/ 5',
  'kpi.ratingDetail': '{count} lượt · {low} chưa hài lòng',
  'kpi.pausedDetail': '{count} đang chờ bổ sung',
  'kpi.lateWithoutApology': '{count} chưa có phiếu xin lỗi',
  'kpi.dueSoon': 'Sắp đến hạn',
  'kpi.dueSoonDetail': 'trong 1 ngày làm việc tới',
  'kpi.onlineShare': '{share} nộp trực tuyến',
  'kpi.onTimeToday': '{share} đúng hạn',
  'kpi.onTimeRate30d': 'Đúng hạn (30 ngày)',
  'kpi.onTimeDetail': 'trên {count} hồ sơ',
  'chart.title': 'Hồ sơ đang giải quyết theo đơn vị',
  'chart.subtitle': 'Xếp theo số hồ sơ, nhiều nhất ở trên',
  'chart.withinDeadline': 'Trong hạn',
  'chart.overdue': 'Quá hạn',
  'chart.backlog': 'Đang giải quyết',
  'chart.noData': 'Chưa có dữ liệu',
  'chart.silent': 'Mất tín hiệu — sự kiện cuối {time}',
  'grid.title': 'Các đơn vị cấp xã',
  'grid.unitCounts': 'Chưa có dữ liệu: {noData}/{total} đơn vị · Mất tín hiệu: {silent}',
  'grid.formerProvince': 'Tỉnh {province} cũ',
  'grid.overdue': '{count} quá hạn',
  'grid.noData': 'chưa có dữ liệu',
  'grid.silent': 'mất tín hiệu',
  'grid.lastEvent': 'Sự kiện cuối: {time}',
  'grid.legendOverdue': 'Số đỏ: hồ sơ quá hạn',
  'grid.legendNoData': 'Chưa gửi sự kiện nào',
  'grid.legendSilent': 'Mất tín hiệu: số liệu có thể đã cũ',
  'status.connecting': 'Đang kết nối…',
  'status.connectingDetail': 'Đang chờ số liệu trực tiếp từ máy chủ.',
  'status.unitsError': 'Không tải được danh sách đơn vị',
  'status.unitsErrorDetail': 'Chi tiết: {detail}',
  'status.retry': 'Thử lại',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'app.title': 'Intelligent Operations Center — Lam Dong Province',
  'language.label': 'Language',
  'language.vi': 'VI',
  'language.en': 'EN',
  'clock.zone': 'Vietnam time (UTC+7)',
  'clock.weekday.0': 'Sunday',
  'clock.weekday.1': 'Monday',
  'clock.weekday.2': 'Tuesday',
  'clock.weekday.3': 'Wednesday',
  'clock.weekday.4': 'Thursday',
  'clock.weekday.5': 'Friday',
  'clock.weekday.6': 'Saturday',
  'connection.connecting': 'Connecting…',
  'connection.live': 'Live',
  'connection.resyncing': 'Resynchronising',
  'connection.reconnecting': 'Disconnected — reconnecting',
  'connection.stale': 'Stale data',
  'banner.resyncing': 'Resynchronising figures with the server…',
  'banner.reconnecting': 'CONNECTION TO THE SERVER LOST — the figures below may be out of date',
  'banner.stale': 'NO NEW FIGURES RECEIVED — the figures below may be out of date',
  'banner.lastMessage': 'Last received at {time} ({elapsed} ago)',
  'elapsed.seconds': '{count} s',
  'elapsed.minutes': '{count} min',
  'elapsed.hours': '{count} h',
  'kpi.backlog': 'Dossiers in progress',
  'kpi.overdue': 'Overdue',
  'kpi.receivedToday': 'Received today',
  'kpi.resolvedToday': 'Resolved today',
  'kpi.rating': 'Satisfaction (30 days)',
  'kpi.ratingOutOf': '/ 5',
  'kpi.ratingDetail': '{count} ratings · {low} dissatisfied',
  'kpi.pausedDetail': '{count} awaiting a supplement',
  'kpi.lateWithoutApology': '{count} without an apology letter',
  'kpi.dueSoon': 'Due soon',
  'kpi.dueSoonDetail': 'within the next working day',
  'kpi.onlineShare': '{share} filed online',
  'kpi.onTimeToday': '{share} on time',
  'kpi.onTimeRate30d': 'On time (30 days)',
  'kpi.onTimeDetail': 'of {count} dossiers',
  'chart.title': 'Dossiers in progress by unit',
  'chart.subtitle': 'Sorted by dossiers, most at the top',
  'chart.withinDeadline': 'Within deadline',
  'chart.overdue': 'Overdue',
  'chart.backlog': 'In progress',
  'chart.noData': 'No data yet',
  'chart.silent': 'Silent — last event {time}',
  'grid.title': 'Commune-level units',
  'grid.unitCounts': 'No data yet: {noData}/{total} units · Silent: {silent}',
  'grid.formerProvince': 'Former {province} province',
  'grid.overdue': '{count} overdue',
  'grid.noData': 'no data',
  'grid.silent': 'silent',
  'grid.lastEvent': 'Last event: {time}',
  'grid.legendOverdue': 'Red figure: overdue dossiers',
  'grid.legendNoData': 'Never sent an event',
  'grid.legendSilent': 'Silent: figures may be out of date',
  'status.connecting': 'Connecting…',
  'status.connectingDetail': 'Waiting for live figures from the server.',
  'status.unitsError': 'Could not load the list of units',
  'status.unitsErrorDetail': 'Details: {detail}',
  'status.retry': 'Retry',
};

export const messages: Record<Language, Record<MessageKey, string>> = { vi, en };

export const LANGUAGE_LABEL_KEYS: Record<Language, MessageKey> = { vi: 'language.vi', en: 'language.en' };

/** Indexed by `Date#getUTCDay()` (0 = Sunday). */
export const WEEKDAY_KEYS = [
  'clock.weekday.0',
  'clock.weekday.1',
  'clock.weekday.2',
  'clock.weekday.3',
  'clock.weekday.4',
  'clock.weekday.5',
  'clock.weekday.6',
] as const satisfies readonly MessageKey[];

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a missing value is noticed. */
export function createTranslator(language: Language): Translate {
  const catalogue = messages[language];
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = params?.[name];
      return value === undefined ? placeholder : String(value);
    });
}
