import type { DocBlock, DocSigner, OfficialDocument } from '../../../contracts/documents.ts';
import type { MeetingOut } from '../../../contracts/meetings.ts';
import type { Issuer } from '../documents/issuer.ts';

// The meeting's official documents as data (OfficialDocument), laid out by the documents
// module's renderer in the host unit's format profile: the invitation (GIẤY MỜI, type GM) and
// the minutes (BIÊN BẢN, type BB) of the conference.

const VN_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Date and time in Vietnam (UTC+7) of an ISO instant. */
function vnParts(iso: string) {
  const parts = Object.fromEntries(VN_PARTS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: parts.hour as string,
    minute: parts.minute as string,
  };
}

/**
 * "ngày 03 tháng 01 năm 2024": days below 10 and months 1 and 2 with a leading zero, as in the
 * date line (Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, mục I.4).
 */
export function vietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `ngày ${d < 10 ? `0${d}` : d} tháng ${m <= 2 ? `0${m}` : m} năm ${y}`;
}

/** "14 giờ 00, ngày 03 tháng 01 năm 2024" (Vietnam time). */
export function vietnameseDateTime(iso: string): string {
  const p = vnParts(iso);
  return `${Number(p.hour)} giờ ${p.minute}, ${vietnameseDate(p.date)}`;
}

/** The meeting's time: "14 giờ 00, ngày …", or "Từ 14 giờ 00 đến 17 giờ 00, ngày …" on one day. */
export function meetingTime(startsAt: string, endsAt: string | null): string {
  const start = vnParts(startsAt);
  if (!endsAt) return vietnameseDateTime(startsAt);
  const end = vnParts(endsAt);
  if (end.date === start.date) {
    return `Từ ${Number(start.hour)} giờ ${start.minute} đến ${Number(end.hour)} giờ ${end.minute}, ${vietnameseDate(start.date)}`;
  }
  return `Từ ${vietnameseDateTime(startsAt)} đến ${vietnameseDateTime(endsAt)}`;
}

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const person = (a: MeetingOut['attendees'][number]) =>
  [`Đồng chí ${a.name}`, a.title].filter(Boolean).join(' - ');
const line = (label: string, text: string): DocBlock => ({
  kind: 'paragraph',
  runs: [{ text: `${label}: `, bold: true }, { text }],
});
const label = (text: string): DocBlock => ({ kind: 'paragraph', runs: [{ text, bold: true }] });
const sentence = (s: string) => (/[.!?…:]$/.test(s) ? s : `${s}.`);

/** The chair who signs for the host unit (a chair of the host, else the first chair). */
function hostChair(m: MeetingOut) {
  const chairs = m.attendees.filter((a) => a.role === 'chair');
  return chairs.find((a) => a.unit?.id === m.hostUnit.id) ?? chairs[0] ?? null;
}

/** GIẤY MỜI: who is invited, to what, when, where, the agenda and the participants. */
export function invitationDocument(m: MeetingOut, issuer: Issuer): OfficialDocument {
  const invitedPeople = m.attendees.filter((a) => a.role === 'delegate' || a.role === 'guest');
  const invited = [...m.units.map((u) => `Lãnh đạo ${u.name}`), ...invitedPeople.map(person)];
  const chairs = m.attendees.filter((a) => a.role === 'chair');
  const body: DocBlock[] = [
    label('Trân trọng kính mời:'),
    invited.length
      ? { kind: 'list', ordered: false, items: invited }
      : { kind: 'paragraph', runs: [{ text: '…' }] },
    { kind: 'paragraph', runs: [{ text: 'Tới dự ' }, { text: m.title, bold: true }, { text: '.' }] },
    line('Thời gian', sentence(meetingTime(m.startsAt, m.endsAt))),
    line('Địa điểm', sentence(m.place ?? '…')),
  ];
  if (m.agenda.length) {
    body.push(label('Nội dung:'), {
      kind: 'list',
      ordered: true,
      items: m.agenda.map((a) => (a.presenter ? `${a.title} (${a.presenter} trình bày)` : a.title)),
    });
  }
  body.push(label('Thành phần:'));
  const composition: string[] = [];
  if (chairs.length) composition.push(`Chủ trì: ${chairs.map(person).join('; ')}`);
  if (m.units.length) composition.push(`Đại diện lãnh đạo: ${m.units.map((u) => u.name).join('; ')}`);
  if (invitedPeople.length) composition.push(`Đại biểu: ${invitedPeople.map(person).join('; ')}`);
  if (!composition.length) composition.push('Theo danh sách kèm theo');
  body.push({ kind: 'list', ordered: false, items: composition });
  body.push({
    kind: 'paragraph',
    runs: [{ text: 'Rất mong các đồng chí thu xếp thời gian đến dự Hội nghị đúng thời gian, thành phần./.' }],
  });
  const chair = hostChair(m);
  const signer: DocSigner = { title: chair?.title ?? 'Thủ trưởng đơn vị', name: chair?.name ?? null };
  return {
    profile: issuer.profile,
    issuer: issuer.issuer,
    type: 'GM',
    number: null,
    place: issuer.place,
    // Issued when signed: the date line stays blank in the draft.
    date: null,
    subject: `Dự ${m.title}`,
    body,
    signers: [signer],
    recipients: ['Như trên', ...m.units.map((u) => u.name)],
    fileCopyUnit: null,
  };
}

/** BIÊN BẢN hội nghị: time and place, participants, content, the minutes, conclusions, signatures. */
export function minutesDocument(m: MeetingOut, issuer: Issuer): OfficialDocument {
  const by = (role: MeetingOut['attendees'][number]['role']) => m.attendees.filter((a) => a.role === role);
  const chairs = by('chair');
  const secretaries = by('secretary');
  const others = [...by('delegate'), ...by('guest')];
  const start = vnParts(m.startsAt);
  const body: DocBlock[] = [
    line('Thời gian', sentence(`bắt đầu vào hồi ${vietnameseDateTime(m.startsAt)}`)),
    line('Địa điểm', sentence(m.place ?? '…')),
    { kind: 'heading', level: 1, text: 'I. Thành phần tham dự' },
    line('Chủ trì', chairs.length ? sentence(chairs.map(person).join('; ')) : '…'),
    line('Thư ký', secretaries.length ? sentence(secretaries.map(person).join('; ')) : '…'),
  ];
  if (others.length) {
    body.push(label('Đại biểu tham dự:'), { kind: 'list', ordered: false, items: others.map(person) });
  }
  if (m.units.length) {
    body.push(label('Các cơ quan, đơn vị tham dự:'), {
      kind: 'list',
      ordered: false,
      items: [m.hostUnit.name, ...m.units.map((u) => u.name)],
    });
  }
  body.push({ kind: 'heading', level: 1, text: 'II. Nội dung hội nghị' });
  if (m.agenda.length) {
    body.push({
      kind: 'list',
      ordered: true,
      items: m.agenda.map((a) => (a.presenter ? `${a.title} (${a.presenter} trình bày)` : a.title)),
    });
  }
  const paragraphs = (m.minutes ?? '')
    .split(/\n\s*\n|\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const text of paragraphs) body.push({ kind: 'paragraph', runs: [{ text }], indent: true });
  if (!paragraphs.length)
    body.push({ kind: 'paragraph', runs: [{ text: '(Chưa ghi biên bản.)', italic: true }] });
  body.push({ kind: 'heading', level: 1, text: 'III. Kết luận' });
  if (m.conclusions.length) {
    body.push({
      kind: 'list',
      ordered: true,
      items: m.conclusions.map((c) => {
        const who = [
          c.leadUnit ? `chủ trì: ${c.leadUnit.name}` : null,
          c.cooperatingUnits.length ? `phối hợp: ${c.cooperatingUnits.map((u) => u.name).join(', ')}` : null,
          c.dueDate ? `thời hạn: ${ddmmyyyy(c.dueDate)}` : null,
        ].filter(Boolean);
        return who.length ? `${sentence(c.text).replace(/\.$/, '')} (${who.join('; ')}).` : sentence(c.text);
      }),
    });
  } else {
    body.push({ kind: 'paragraph', runs: [{ text: '(Chưa có kết luận.)', italic: true }] });
  }
  const end = m.endsAt ? vnParts(m.endsAt) : null;
  body.push({
    kind: 'paragraph',
    runs: [
      {
        text: end
          ? `Hội nghị kết thúc vào hồi ${Number(end.hour)} giờ ${end.minute}${end.date === start.date ? ' cùng ngày' : `, ${vietnameseDate(end.date)}`}. Biên bản đã được thông qua tại Hội nghị./.`
          : 'Biên bản đã được thông qua tại Hội nghị./.',
      },
    ],
  });
  const secretary = secretaries[0];
  const chair = hostChair(m);
  return {
    profile: issuer.profile,
    issuer: issuer.issuer,
    type: 'BB',
    number: null,
    place: issuer.place,
    // Minutes are drawn up on the day of the meeting.
    date: start.date,
    subject: m.title,
    body,
    signers: [
      { title: 'Thư ký hội nghị', name: secretary?.name ?? null },
      { title: 'Chủ trì hội nghị', name: chair?.name ?? null },
    ],
    recipients: [...m.units.map((u) => u.name)],
    fileCopyUnit: null,
  };
}
