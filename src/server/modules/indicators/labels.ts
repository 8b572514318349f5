import type { Aggregation, ExchangeSource, RuleOp, ValueType } from '../../../contracts/indicators.ts';

// Vietnamese names of the catalogue's enums, for messages and Excel files (the web app has its
// own in i18n). Reusable by the report template and roll-up exports.

export const VALUE_TYPE_LABELS: Record<ValueType, string> = {
  integer: 'Số nguyên',
  decimal: 'Số thập phân',
  percentage: 'Tỷ lệ (%)',
  boolean: 'Có/Không',
  text: 'Văn bản',
};

export const AGGREGATION_LABELS: Record<Aggregation, string> = {
  sum: 'Cộng tổng',
  avg: 'Trung bình',
  max: 'Lớn nhất',
  min: 'Nhỏ nhất',
  last: 'Giá trị kỳ cuối',
  none: 'Không tổng hợp',
};

/** Where an indicator's figures come from (null: typed in reports only). */
export const EXCHANGE_SOURCE_LABELS: Record<ExchangeSource, string> = {
  bulletins_sent: 'Tự động: thông tin trao đổi đã gửi',
  tip_offs_sent: 'Tự động: tin báo (nguồn tin) đã gửi',
  requests_answered: 'Tự động: yêu cầu phối hợp đã trả lời',
};
export const TYPED_SOURCE_LABEL = 'Nhập trong báo cáo';

export const RULE_OP_LABELS: Record<RuleOp, string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '=': '=',
};

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });
/** 1734 → "1.734", 12.5 → "12,5". */
export const formatNumberVi = (n: number) => numberFormat.format(n);

export const isNumericType = (t: ValueType) => t === 'integer' || t === 'decimal' || t === 'percentage';
