import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vi } from './vi.ts';

// Every literal key the web app passes to t('…') must exist in the Vietnamese messages (and
// so, by its type, in English): a missing key would show "agr.sectionsX" to the user.
const WEB = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !name.includes('.test.') ? [path] : [];
  });
}

function has(messages: unknown, key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== undefined;
}

describe('translations', () => {
  it('has a Vietnamese message for every literal key the screens use', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of sources(WEB)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z][\w.]*)'/g)) {
        const key = m[1] as string;
        seen++;
        if (!has(vi, key) && !has(vi, `${key}_one`) && !has(vi, `${key}_other`)) {
          missing.push(`${key} (${file.slice(WEB.length)})`);
        }
      }
    }
    expect(seen).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });
});
