import { eq } from 'drizzle-orm';
import type { DocProfile, OfficialDocument } from '../../../contracts/documents.ts';
import type { UnitKind } from '../../../contracts/units.ts';
import type { Queryable } from '../../db/client.ts';
import { units } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { profileForUnit } from './profiles.ts';

export interface Issuer {
  unitId: number;
  kind: UnitKind;
  profile: DocProfile;
  /** The header's issuer: parent body, name and abbreviation (OfficialDocument['issuer']). */
  issuer: OfficialDocument['issuer'];
  /** Place of the date line: the unit's province (falls back to its commune, then blank). */
  place: string;
}

// Authorities in their own right print no cơ quan chủ quản line above their name.
const NO_PARENT_LINE: readonly UnitKind[] = ['peoples_committee', 'commune'];

/**
 * The issuing body of a document from the unit tree: its name, the parent body's name when it
 * is a sub-unit (Đồn Biên phòng under the Bộ Chỉ huy, a Party board under its committee), its
 * abbreviation for the number line and the format profile of its kind. A unit without an
 * abbreviation → 400 UNIT_ABBREVIATION_MISSING naming the unit (never "Số: /KH-undefined").
 */
export async function issuerOf(db: Queryable, unitId: number): Promise<Issuer> {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  if (!unit) throw notFound();
  const abbreviation = unit.shortName?.normalize('NFC').trim();
  if (!abbreviation) {
    throw new AppError('UNIT_ABBREVIATION_MISSING', {
      fields: [
        {
          path: 'shortName',
          message: `Đơn vị "${unit.name}" chưa có tên viết tắt (dùng trong số, ký hiệu văn bản, ví dụ "Số: 15/BC-BĐBP"). Hãy bổ sung tên viết tắt trong danh mục đơn vị.`,
        },
      ],
    });
  }
  let parentName: string | null = null;
  if (unit.parentId && !NO_PARENT_LINE.includes(unit.kind)) {
    const [parent] = await db.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId));
    parentName = parent?.name.normalize('NFC') ?? null;
  }
  return {
    unitId: unit.id,
    kind: unit.kind,
    profile: profileForUnit(unit),
    issuer: { parentName, name: unit.name.normalize('NFC'), abbreviation },
    place: (unit.provinceName ?? unit.communeName ?? '').normalize('NFC'),
  };
}
