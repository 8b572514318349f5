// A table of figures saved as XLSX in the browser, for the charts the server has no export of
// (the trend). exceljs is loaded only when the user asks for the file.

export interface SheetTable {
  /** File name without extension. */
  fileName: string;
  title: string;
  subtitle?: string;
  headers: string[];
  /** Numbers stay numbers (Excel can sum them); null is an empty cell. */
  rows: Array<Array<string | number | null>>;
}

export async function downloadXlsx(table: SheetTable): Promise<void> {
  // The browser build without polyfills (evergreen browsers have what it needs), typed as exceljs.
  const mod = (await import(
    // @ts-expect-error: the bundle has no declarations of its own
    'exceljs/dist/exceljs.bare.min.js'
  )) as { default: typeof import('exceljs') };
  const ExcelJS = mod.default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  const ws = wb.addWorksheet('Số liệu');
  ws.addRow([table.title]).font = { bold: true, size: 14 };
  if (table.subtitle) ws.addRow([table.subtitle]);
  ws.addRow([]);
  const header = ws.addRow(table.headers);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  for (const r of table.rows) {
    const row = ws.addRow(r);
    row.eachCell((c) => {
      if (typeof c.value === 'number') c.numFmt = '#,##0.##';
    });
  }
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 28 : 18;
  });
  const buffer = await wb.xlsx.writeBuffer();
  const url = URL.createObjectURL(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `${table.fileName}.xlsx`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
