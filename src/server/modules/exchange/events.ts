import { inArray, sql } from 'drizzle-orm';
import { BULLETIN_KIND_VI, SENSITIVITY_VI } from '../../../contracts/exchange.ts';
import { type Queryable, rowsOf } from '../../db/client.ts';
import { type bulletins, units } from '../../db/schema/index.ts';
import { currentContext } from '../../lib/context.ts';
import { viDate, viDateTime } from '../../lib/time.ts';
import { publishLive } from '../live/publish.ts';
import { usersActingFor } from '../notifications/audience.ts';
import { notify } from '../notifications/service.ts';

type Row = typeof bulletins.$inferSelect;
interface UnitRef {
  id: number;
  name: string;
  shortName: string | null;
  path: string;
}

const EXCERPT = 300;

/**
 * The notification text: kind, label, deadline, and an excerpt of the content only for
 * bulletins labelled Thường — Nội bộ and Hạn chế content stays in the app (it also goes
 * out by e-mail, which leaves the system).
 */
function receivedBody(row: Row, sender: UnitRef): string {
  const lines = [
    `Đơn vị gửi: ${sender.name}`,
    `Loại: ${BULLETIN_KIND_VI[row.kind]} · Độ mật: ${SENSITIVITY_VI[row.sensitivity]}`,
  ];
  if (row.respondBy) lines.push(`Hạn trả lời: ${viDate(row.respondBy)}`);
  if (row.sensitivity === 'thuong') {
    const text = row.body.replace(/\s+/g, ' ').trim();
    lines.push('', text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text);
  } else {
    lines.push('', 'Nội dung được bảo vệ: đăng nhập PhốiHợp để xem.');
  }
  return lines.join('\n');
}

/**
 * After a bulletin (or a reply) is written, in the same transaction: a notification for every
 * user who acts for a recipient unit (officers of the unit, leaders above it; the sender
 * excluded), and a live event for the open bulletin lists.
 */
export async function bulletinSent(tx: Queryable, row: Row, sender: UnitRef, recipients: UnitRef[]) {
  const isReply = row.kind === 'reply';
  const audience = (
    await usersActingFor(
      tx,
      recipients.map((r) => r.id),
    )
  ).filter((u) => u !== row.createdById);
  await notify(tx, audience, {
    kind: isReply ? 'bulletin_replied' : 'bulletin_received',
    title: isReply
      ? `${sender.name} đã trả lời: ${row.subject.replace(/^(Trả lời:\s*)+/i, '')}`
      : `Thông tin mới từ ${sender.name}: ${row.subject}`,
    body: receivedBody(row, sender),
    link: `/bulletins/${row.id}`,
    entityType: 'bulletin',
    entityId: row.id,
    dedupKey: `bulletin:${row.id}`,
  });
  await publishLive(tx, {
    type: 'bulletin',
    id: row.id,
    action: isReply ? 'replied' : 'sent',
    unitPaths: [sender.path, ...recipients.map((r) => r.path)],
  });
}

/**
 * After recipient units acknowledged: a notification to the user who sent the bulletin (not
 * to every officer of the sender unit: the sender follows the acknowledgement table, and one
 * line per acknowledging unit to each of them would be noise), and a live event.
 */
export async function bulletinAcknowledged(tx: Queryable, row: Row, unitIds: number[]) {
  const acked = await tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, unitIds))
    .orderBy(units.name);
  const names = acked.map((u) => u.name).join(', ');
  const actorId = currentContext().actor?.userId;
  if (row.createdById !== null && row.createdById !== actorId && acked.length) {
    await notify(tx, [row.createdById], {
      kind: 'bulletin_acknowledged',
      title: `${names} đã xác nhận nhận thông tin: ${row.subject}`,
      body: `${names} đã xác nhận đã nhận thông tin “${row.subject}” lúc ${viDateTime()}.`,
      link: `/bulletins/${row.id}`,
      entityType: 'bulletin',
      entityId: row.id,
      dedupKey: `bulletin-ack:${row.id}:${[...unitIds].sort((a, b) => a - b).join(',')}`,
    });
  }
  const paths = rowsOf<{ path: string }>(
    await tx.execute(sql`
      select u.path from units u where u.id = ${row.senderUnitId}
      union
      select u.path from bulletin_recipients r join units u on u.id = r.unit_id where r.bulletin_id = ${row.id}`),
  );
  await publishLive(tx, {
    type: 'bulletin',
    id: row.id,
    action: 'acknowledged',
    unitPaths: paths.map((p) => p.path),
  });
}
