import type { FormIndicator } from '../src/contracts/reports.ts';
import type { ValueRule } from '../src/contracts/reportValues.ts';

/** An indicator as a report form carries it, for unit tests: an integer count unless told. */
export const formIndicator = (over: Partial<FormIndicator> & { indicatorId: number }): FormIndicator => ({
  code: `CT${over.indicatorId}`,
  name: `Chỉ tiêu ${over.code ?? over.indicatorId}`,
  uom: 'hộ',
  valueType: 'integer',
  aggUnits: 'sum',
  aggTime: 'sum',
  dedupByLocation: false,
  minValue: null,
  maxValue: null,
  required: false,
  categories: null,
  position: over.indicatorId,
  exchangeSource: null,
  ...over,
});

// One indicator of every kind the value rules treat differently (the shared rules' tests and
// the server's wording of them use the same set).
export const HO = formIndicator({ indicatorId: 1, code: 'HO', name: 'Hộ gia đình được giúp đỡ' });
export const TO = formIndicator({ indicatorId: 2, code: 'TO', name: 'Tổ tự quản', uom: 'tổ' });
export const TV = formIndicator({
  indicatorId: 3,
  code: 'TV',
  name: 'Thành viên tổ tự quản',
  uom: 'thành viên',
});
export const TYLE = formIndicator({
  indicatorId: 4,
  code: 'TYLE',
  name: 'Tỷ lệ hộ nghèo',
  valueType: 'percentage',
  uom: '%',
});
export const CO = formIndicator({
  indicatorId: 5,
  code: 'CO',
  name: 'Có quy chế',
  valueType: 'boolean',
  uom: '',
});
export const GHI = formIndicator({
  indicatorId: 6,
  code: 'GHI',
  name: 'Ghi chú',
  valueType: 'text',
  uom: '',
});
export const KP = formIndicator({
  indicatorId: 7,
  code: 'KP',
  name: 'Kinh phí',
  valueType: 'decimal',
  uom: 'triệu đồng',
  maxValue: 500,
});
export const NGUOI = formIndicator({
  indicatorId: 8,
  code: 'NGUOI',
  name: 'Người được tuyên truyền',
  uom: 'người',
  categories: [
    { code: 'NAM', name: 'Nam' },
    { code: 'NU', name: 'Nữ' },
  ],
});
export const NHIETDO = formIndicator({
  indicatorId: 9,
  code: 'ND',
  name: 'Nhiệt độ thấp nhất',
  valueType: 'decimal',
  minValue: -10,
});
export const ALL = [HO, TO, TV, TYLE, CO, GHI, KP, NGUOI, NHIETDO];
/** Members of the self-managed teams ≥ teams. */
export const RULES: ValueRule[] = [{ indicatorId: 3, op: '>=', otherIndicatorId: 2, message: null }];
