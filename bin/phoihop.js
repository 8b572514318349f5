#!/usr/bin/env node
// npx puts node_modules/.bin first on PATH, so this runs on the project's Node 24, which
// executes the TypeScript sources directly (type stripping); no build step for the server.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `PhốiHợp cần Node.js 24 trở lên (đang dùng ${process.version}). Hãy chạy qua "npx phoihop" hoặc "npm start" trong thư mục dự án.`,
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
