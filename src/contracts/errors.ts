// The error catalogue: every error the API returns has a stable code, an HTTP status and a
// message in Vietnamese (default) and English. Clients branch on `code`, never on the text.
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' },
  MALFORMED_JSON: {
    status: 400,
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  UNAUTHENTICATED: { status: 401, vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  SESSION_EXPIRED: {
    status: 401,
    vi: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
    en: 'Your session has expired; please sign in again.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  TOTP_REQUIRED: {
    status: 401,
    vi: 'Vui lòng nhập mã xác thực hai lớp (6 chữ số).',
    en: 'Enter your two-factor code (6 digits).',
  },
  TOTP_INVALID: {
    status: 401,
    vi: 'Mã xác thực hai lớp không đúng hoặc đã hết hạn.',
    en: 'The two-factor code is wrong or expired.',
  },
  INVALID_TOKEN: {
    status: 401,
    vi: 'Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
    en: 'The API token is invalid, expired or revoked.',
  },
  ACCOUNT_DISABLED: {
    status: 403,
    vi: 'Tài khoản đã bị khóa bởi quản trị viên.',
    en: 'This account has been disabled by an administrator.',
  },
  CSRF_INVALID: {
    status: 403,
    vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF). Hãy tải lại trang rồi thử lại.',
    en: 'Missing or invalid CSRF token. Reload the page and try again.',
  },
  FORBIDDEN: {
    status: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  TOKEN_SCOPE: {
    status: 403,
    vi: 'Mã truy cập API này không có quyền ghi.',
    en: 'This API token has no write scope.',
  },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy dữ liệu yêu cầu.', en: 'Not found.' },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không có địa chỉ API này.', en: 'No such API route.' },
  VERSION_CONFLICT: {
    status: 409,
    vi: 'Dữ liệu đã được người khác thay đổi trong lúc bạn sửa. Hãy tải lại để xem bản mới nhất; thay đổi của bạn chưa được lưu.',
    en: 'Someone else changed this record while you were editing. Reload to see the latest version; your change was not saved.',
  },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã tồn tại.', en: 'This username is already taken.' },
  GRANT_EXISTS: {
    status: 409,
    vi: 'Người dùng đã có vai trò này tại đơn vị này.',
    en: 'The user already holds this role on this unit.',
  },
  UNIT_CYCLE: {
    status: 409,
    vi: 'Không thể chuyển đơn vị vào chính nó hoặc vào một đơn vị cấp dưới của nó.',
    en: 'A unit cannot be moved under itself or one of its descendants.',
  },
  UNIT_HAS_CHILDREN: {
    status: 409,
    vi: 'Không thể xóa đơn vị còn đơn vị trực thuộc. Hãy chuyển hoặc xóa các đơn vị trực thuộc trước, hoặc dùng chức năng "Giải thể/sáp nhập".',
    en: 'This unit still has subordinate units. Move or delete them first, or close the unit instead.',
  },
  UNIT_HAS_USERS: {
    status: 409,
    vi: 'Không thể xóa đơn vị còn người dùng hoặc phân quyền. Hãy chuyển người dùng sang đơn vị khác trước, hoặc dùng chức năng "Giải thể/sáp nhập".',
    en: 'This unit still has users or role grants. Move them first, or close the unit instead.',
  },
  UNIT_IN_USE: {
    status: 409,
    vi: 'Không thể xóa đơn vị đang được dùng trong dữ liệu khác (văn bản phối hợp, nhiệm vụ, đơn vị kế thừa). Hãy dùng chức năng "Giải thể/sáp nhập".',
    en: 'This unit is referenced by other records. Close it instead.',
  },
  LEGAL_DOC_EXISTS: {
    status: 409,
    vi: 'Văn bản có số hiệu này đã có trong danh mục; hãy dùng văn bản đã có.',
    en: 'A document with this number is already in the register; use the existing one.',
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    vi: 'Không thể chuyển văn bản sang trạng thái này.',
    en: 'The document cannot move to this status.',
  },
  AGREEMENT_LOCKED: {
    status: 409,
    vi: 'Văn bản đã ký không được sửa trực tiếp; hãy tạo văn bản bổ sung.',
    en: 'A signed text cannot be edited; create an amendment instead.',
  },
  NOT_IN_CONSULTATION: {
    status: 409,
    vi: 'Văn bản không ở giai đoạn lấy ý kiến nên không nhận góp ý.',
    en: 'The document is not out for consultation; comments are closed.',
  },
  PLAN_YEAR_EXISTS: {
    status: 409,
    vi: 'Đơn vị chủ trì đã có kế hoạch cho năm này trong cùng chương trình; hãy mở kế hoạch đã có thay vì tạo thêm.',
    en: 'The owner unit already has a plan for this year under the same program; open the existing plan instead.',
  },
  IN_USE: {
    status: 409,
    vi: 'Không thể xóa vì dữ liệu này đang được sử dụng ở nơi khác.',
    en: 'This record is still referenced elsewhere and cannot be deleted.',
  },
  UNIT_CLOSED: {
    status: 409,
    vi: 'Đơn vị đã giải thể/sáp nhập, không thể thực hiện thao tác này.',
    en: 'This unit is closed.',
  },
  CANNOT_REMOVE_LAST_ADMIN: {
    status: 409,
    vi: 'Không thể thu hồi quyền quản trị toàn hệ thống cuối cùng.',
    en: 'The last system-wide administrator grant cannot be removed.',
  },
  INDICATOR_CODE_EXISTS: {
    status: 409,
    vi: 'Mã chỉ tiêu đã có trong danh mục; hãy dùng chỉ tiêu đã có hoặc chọn mã khác.',
    en: 'An indicator with this code already exists.',
  },
  REPORT_LOCKED: {
    status: 409,
    vi: 'Báo cáo đã được duyệt và khóa; cần lãnh đạo mở lại trước khi sửa.',
    en: 'The report is approved and locked; a leader must reopen it first.',
  },
  REPORT_WRONG_STATE: {
    status: 409,
    vi: 'Báo cáo không ở trạng thái cho phép thao tác này.',
    en: 'The report is not in a state that allows this action.',
  },
  SELF_APPROVAL: {
    status: 403,
    vi: 'Quy trình duyệt của biểu mẫu không cho phép người gửi tự duyệt báo cáo của mình.',
    en: "The form's approval chain does not allow approving one's own report.",
  },
  NOT_A_REPORTING_UNIT: {
    status: 400,
    vi: 'Đơn vị này không thuộc danh sách đơn vị phải báo cáo theo biểu mẫu.',
    en: "This unit is not one of the form's reporting units.",
  },
  XLSX_INVALID: {
    status: 422,
    vi: 'Tệp Excel có lỗi; chưa có số liệu nào được cập nhật. Xem danh sách lỗi theo dòng, cột.',
    en: 'The Excel file has errors; nothing was applied. See the errors by row and column.',
  },
  UNIT_ABBREVIATION_MISSING: {
    status: 400,
    vi: 'Đơn vị ban hành chưa có tên viết tắt nên chưa ghi được số, ký hiệu văn bản (ví dụ "Số: 15/BC-BĐBP"). Hãy bổ sung tên viết tắt của đơn vị rồi tạo lại văn bản.',
    en: 'The issuing unit has no abbreviation, so the document number cannot be written. Add the abbreviation and try again.',
  },
  CONCLUSION_CONVERTED: {
    status: 409,
    vi: 'Kết luận này đã được chuyển thành nhiệm vụ; mỗi kết luận chỉ chuyển một lần.',
    en: 'This conclusion has already been turned into a task; each conclusion converts once.',
  },
  PDF_UNAVAILABLE: {
    status: 503,
    vi: 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản Word (DOCX) hoặc nhờ quản trị viên cài gói libreoffice-writer.',
    en: 'LibreOffice is not installed on the server, so PDF export is unavailable; download the DOCX instead.',
  },
  WEAK_PASSWORD: { status: 422, vi: 'Mật khẩu chưa đủ mạnh.', en: 'The password is too weak.' },
  WRONG_PASSWORD: { status: 422, vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp đính kèm vượt quá dung lượng cho phép.',
    en: 'The attached file is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Kiểu nội dung không được hỗ trợ; hãy gửi application/json.',
    en: 'Unsupported content type; send application/json.',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Loại tệp không được chấp nhận; chỉ nhận PDF, DOC, DOCX, XLSX, JPEG, PNG.',
    en: 'File type not accepted; only PDF, DOC, DOCX, XLSX, JPEG and PNG are.',
  },
  RATE_LIMITED: {
    status: 429,
    vi: 'Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.',
    en: 'Too many attempts. Please wait and try again.',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ít phút.',
    en: 'Too many failed sign-ins; the account is temporarily locked. Try again in a few minutes.',
  },
  STATE_SECRET_NOT_ALLOWED: {
    status: 400,
    vi: 'Thông tin mật, tối mật, tuyệt mật không được lưu trong hệ thống này; hãy chuyển qua kênh thông tin mật theo quy định.',
    en: 'Classified information (secret, top secret) must not be stored in this system; use the classified channel.',
  },
  INTERNAL: {
    status: 500,
    vi: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị viên kèm mã yêu cầu.',
    en: 'Internal error. Try again; if it persists, report the request id to an administrator.',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  requestId: string;
}
