// Pure helpers of the information exchange screens (tested in model.unit.test.ts).
import type { z } from 'zod';
import type {
  BULLETIN_KINDS,
  bulletinDetailSchema,
  bulletinSchema,
  Sensitivity,
} from '../../../contracts/exchange.ts';

export type Bulletin = z.infer<typeof bulletinSchema>;
export type BulletinDetail = z.infer<typeof bulletinDetailSchema>;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

/** Kinds a user composes (a reply is written from the bulletin it answers). */
export const COMPOSE_KINDS: readonly BulletinKind[] = [
  'security_situation',
  'ethnic_affairs',
  'disaster',
  'tip_off',
  'coordination_request',
];

export interface AckSummary {
  acked: number;
  total: number;
}

export function ackSummary(b: Pick<Bulletin, 'recipients'>): AckSummary {
  return {
    acked: b.recipients.filter((r) => r.acknowledgedAt !== null).length,
    total: b.recipients.length,
  };
}

/** Local calendar date yyyy-mm-dd (the user's day, which in Vietnam is the server's day). */
export function isoToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export type RequestState = 'none' | 'open' | 'overdue' | 'answered';

/** Where a coordination request stands: waiting (overdue after its reply-by date) or answered. */
export function requestState(
  b: Pick<Bulletin, 'kind' | 'open' | 'respondBy' | 'answeredAt'>,
  today: string,
): RequestState {
  if (b.kind !== 'coordination_request') return 'none';
  if (b.answeredAt) return 'answered';
  if (!b.open) return 'none';
  return b.respondBy && b.respondBy < today ? 'overdue' : 'open';
}

export interface ComposeValues {
  senderUnitId: number | null;
  agreementId: string | null;
  recipientUnitIds: number[];
  allParties: boolean;
  kind: BulletinKind;
  subject: string;
  body: string;
  sensitivity: Sensitivity;
  occurredOn: string | null;
  respondBy: string | null;
}

export function emptyCompose(init: {
  senderUnitId: number | null;
  agreementId: number | null;
  today: string;
}) {
  return {
    senderUnitId: init.senderUnitId,
    agreementId: init.agreementId === null ? null : String(init.agreementId),
    recipientUnitIds: [],
    allParties: false,
    kind: 'security_situation',
    subject: '',
    body: '',
    sensitivity: 'thuong',
    occurredOn: init.today,
    respondBy: null,
  } satisfies ComposeValues;
}

/** The POST /api/bulletins body of the compose form. */
export function composeBody(v: ComposeValues) {
  return {
    ...(v.senderUnitId !== null ? { senderUnitId: v.senderUnitId } : {}),
    agreementId: v.agreementId ? Number(v.agreementId) : null,
    recipientUnitIds: v.recipientUnitIds,
    allParties: v.agreementId ? v.allParties : false,
    kind: v.kind,
    subject: v.subject.trim(),
    body: v.body,
    sensitivity: v.sensitivity,
    ...(v.occurredOn ? { occurredOn: v.occurredOn } : {}),
    respondBy: v.kind === 'coordination_request' ? v.respondBy : null,
  };
}

export interface UnitOption {
  id: number;
  name: string;
}

/**
 * Recipient choices: the agreement's parties first, then every other unit of the directory
 * (units under a party may receive too; the server refuses one outside the parties). Without an
 * agreement, the whole directory. The sending unit is left out.
 */
export function recipientGroups(
  parties: readonly UnitOption[],
  directory: readonly UnitOption[],
  senderUnitId: number | null,
  labels: { parties: string; others: string },
) {
  const byName = (a: UnitOption, b: UnitOption) => a.name.localeCompare(b.name, 'vi');
  const partyIds = new Set(parties.map((p) => p.id));
  const option = (u: UnitOption) => ({ value: String(u.id), label: u.name });
  const first = parties.filter((p) => p.id !== senderUnitId).sort(byName);
  const rest = directory.filter((u) => !partyIds.has(u.id) && u.id !== senderUnitId).sort(byName);
  if (!first.length) return rest.map(option);
  return [
    ...(first.length ? [{ group: labels.parties, items: first.map(option) }] : []),
    ...(rest.length ? [{ group: labels.others, items: rest.map(option) }] : []),
  ];
}
