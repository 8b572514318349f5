// Human labels of input fields, so a validation message names the field the user sees
// ("Tên đơn vị: quá dài") instead of a JSON path. Shared by the server and the web forms.
export const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  name: { vi: 'Tên', en: 'Name' },
  shortName: { vi: 'Tên viết tắt', en: 'Abbreviation' },
  kind: { vi: 'Loại đơn vị', en: 'Unit kind' },
  parentId: { vi: 'Đơn vị cấp trên', en: 'Parent unit' },
  provinceName: { vi: 'Tỉnh/thành phố', en: 'Province' },
  provinceCode: { vi: 'Mã tỉnh', en: 'Province code' },
  communeName: { vi: 'Xã/phường', en: 'Commune' },
  communeCode: { vi: 'Mã xã', en: 'Commune code' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  validFrom: { vi: 'Hiệu lực từ ngày', en: 'Valid from' },
  validTo: { vi: 'Hiệu lực đến ngày', en: 'Valid to' },
  successorIds: { vi: 'Đơn vị kế thừa', en: 'Successor units' },
  reason: { vi: 'Lý do', en: 'Reason' },
  effectiveDate: { vi: 'Ngày hiệu lực', en: 'Effective date' },
  version: { vi: 'Phiên bản dữ liệu', en: 'Record version' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  currentPassword: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  newPassword: { vi: 'Mật khẩu mới', en: 'New password' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  title: { vi: 'Chức vụ', en: 'Title' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  role: { vi: 'Vai trò', en: 'Role' },
  grants: { vi: 'Phân quyền', en: 'Role grants' },
  locale: { vi: 'Ngôn ngữ', en: 'Language' },
  disabled: { vi: 'Khóa tài khoản', en: 'Disabled' },
  totp: { vi: 'Mã xác thực hai lớp', en: 'Two-factor code' },
  code: { vi: 'Mã xác thực', en: 'Code' },
  scopes: { vi: 'Phạm vi quyền', en: 'Scopes' },
  expiresAt: { vi: 'Ngày hết hạn', en: 'Expires at' },
  q: { vi: 'Từ khóa tìm kiếm', en: 'Search text' },
  limit: { vi: 'Số dòng mỗi trang', en: 'Page size' },
  offset: { vi: 'Vị trí bắt đầu', en: 'Offset' },
  id: { vi: 'Mã định danh', en: 'Id' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  action: { vi: 'Thao tác', en: 'Action' },
  entityType: { vi: 'Loại dữ liệu', en: 'Entity type' },
  entityId: { vi: 'Mã dữ liệu', en: 'Entity id' },
  actorId: { vi: 'Người thực hiện', en: 'Actor' },
};

/** Label of the last named segment of a path such as `grants.0.unitId`. */
export function fieldLabel(path: readonly PropertyKey[], locale: 'vi' | 'en' = 'vi'): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string') return FIELD_LABELS[seg]?.[locale] ?? seg;
  }
  return locale === 'vi' ? 'Dữ liệu gửi lên' : 'Request body';
}
