// Run by `npm install` (prepare): builds the migrated PGlite image that makes the first
// `npm start` skip initdb. Failure is not fatal: the server then creates the cluster itself.
import { buildPgliteTemplate } from '../src/server/db/pgliteTemplate.ts';

try {
  await buildPgliteTemplate();
} catch (error) {
  console.warn(`Không tạo được ảnh PGlite mẫu (lần chạy đầu sẽ chậm hơn): ${String(error)}`);
}
