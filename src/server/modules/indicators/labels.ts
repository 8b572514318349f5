import type { Aggregation, RuleOp, ValueType } from '../../../contracts/indicators.ts';

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
