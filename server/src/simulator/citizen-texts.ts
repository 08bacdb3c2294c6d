/**
 * Vietnamese texts that officers and citizens write into the one-stop systems: supplement
 * requests, refusals, and comments left with a rating. Kept apart from the lifecycle logic.
 */
export const SUPPLEMENT_REASONS: readonly string[] = [
  'Bổ sung bản sao Căn cước công dân của người yêu cầu',
  'Bổ sung giấy tờ chứng minh nơi cư trú',
  'Thiếu chữ ký của người yêu cầu trên tờ khai',
  'Bổ sung bản chính để đối chiếu',
  'Thông tin trên tờ khai chưa khớp với giấy tờ kèm theo, đề nghị điều chỉnh',
  'Bổ sung văn bản ủy quyền có chứng thực',
  'Bổ sung bản vẽ thiết kế và sơ đồ vị trí công trình',
  'Bổ sung giấy tờ về quyền sử dụng đất',
  'Cần xác minh thêm thông tin tại nơi đăng ký trước đây',
];

export const REJECTION_REASONS: readonly string[] = [
  'Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã',
  'Hồ sơ không đủ điều kiện giải quyết theo quy định',
  'Người yêu cầu không bổ sung hồ sơ trong thời hạn quy định',
  'Giấy tờ nộp kèm không hợp lệ',
  'Thửa đất đang có tranh chấp, chưa đủ điều kiện giải quyết',
  'Yêu cầu trùng với hồ sơ đã được giải quyết trước đó',
];

/** Comments by rating: 5 and 4 are praise, 3 is lukewarm, 1 and 2 are complaints. */
export const FEEDBACK_COMMENTS: Readonly<Record<1 | 2 | 3 | 4 | 5, readonly string[]>> = {
  5: [
    'Cán bộ hướng dẫn tận tình, chu đáo',
    'Giải quyết nhanh, trước hẹn',
    'Rất hài lòng với thái độ phục vụ',
    'Thủ tục đơn giản, nộp trực tuyến rất tiện',
    'Trả kết quả sớm hơn ngày hẹn, cảm ơn cán bộ',
  ],
  4: ['Hài lòng, thời gian chờ hơi lâu', 'Cán bộ nhiệt tình', 'Nhận kết quả đúng hẹn', 'Thủ tục rõ ràng'],
  3: ['Bình thường', 'Phải đi lại nhiều lần', 'Thời gian chờ đợi lâu', 'Hướng dẫn chưa rõ ràng'],
  2: [
    'Trả kết quả trễ hẹn',
    'Phải bổ sung hồ sơ nhiều lần',
    'Không được thông báo khi hồ sơ bị chậm',
    'Cổng dịch vụ công hay bị lỗi',
  ],
  1: [
    'Trễ hẹn nhiều ngày mà không có thư xin lỗi',
    'Thái độ phục vụ chưa tốt',
    'Hồ sơ bị chậm, gọi điện không ai trả lời',
  ],
};
