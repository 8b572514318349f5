// The Excel import of the issue-4 benchmark: download the bulk data-entry template of a form
// and period through the API (GET /api/forms/:id/template.xlsx?period=, modules/reports/
// xlsxTemplate.ts: one row per unit × indicator under the header "Mã đơn vị | Đơn vị | Kỳ |
// Mã chỉ tiêu | … | Giá trị"), fill every "Giá trị" cell with a plausible count as an officer
// would, and time the upload (POST /api/forms/:id/import, multipart `file`) from the first
// byte sent to the 200.
import ExcelJS from 'exceljs';

export interface ImportFile {
  data: Buffer;
  /** Data rows filled. */
  values: number;
  templateMs: number;
  fillMs: number;
}

export interface ImportResult {
  status: number;
  ms: number;
  body: string;
}

const VALUE_HEADER = 'Giá trị';

/** Downloads the template and fills its value column (the cells the template leaves open). */
export async function filledTemplate(
  baseUrl: string,
  cookie: string,
  formId: number,
  period: string,
): Promise<ImportFile> {
  const t0 = performance.now();
  const res = await fetch(
    `${baseUrl}/api/forms/${formId}/template.xlsx?period=${encodeURIComponent(period)}`,
    {
      headers: { cookie },
    },
  );
  if (res.status !== 200)
    throw new Error(
      `GET /api/forms/${formId}/template.xlsx → ${res.status}: ${(await res.text()).slice(0, 400)}`,
    );
  const template = Buffer.from(await res.arrayBuffer());
  const templateMs = performance.now() - t0;

  const t1 = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  // The data sheet is the one with a "Giá trị" header cell in its first rows.
  let filled = 0;
  for (const ws of wb.worksheets) {
    let headerRow = 0;
    let valueCol = 0;
    for (let r = 1; r <= Math.min(ws.rowCount, 20) && !headerRow; r++) {
      ws.getRow(r).eachCell((cell, col) => {
        if (String(cell.value ?? '').trim() === VALUE_HEADER) {
          headerRow = r;
          valueCol = col;
        }
      });
    }
    if (!headerRow) continue;
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (row.getCell(1).value === null || row.getCell(1).value === '') continue;
      // Counts of the month: small integers that pass any range rule of the catalogue.
      row.getCell(valueCol).value = (r * 7919) % 37;
      filled++;
    }
    break;
  }
  if (filled === 0) throw new Error('the template has no data sheet with a "Giá trị" column');
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { data, values: filled, templateMs, fillMs: performance.now() - t1 };
}

/** Uploads the file and times it end to end (request sent → full answer read). */
export async function uploadImport(
  baseUrl: string,
  cookie: string,
  csrfToken: string,
  formId: number,
  period: string,
  file: Buffer,
): Promise<ImportResult> {
  const body = new FormData();
  body.append(
    'file',
    new Blob([new Uint8Array(file)], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    `so-lieu-${period}.xlsx`,
  );
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/forms/${formId}/import`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
    body,
  });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - t0, body: text };
}
