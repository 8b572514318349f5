// Builds the web app once if dist/web is missing, so `npm install && npm start` serves it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/web/index.html', import.meta.url))) {
  console.log('Đang dựng giao diện web (lần đầu)…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}
