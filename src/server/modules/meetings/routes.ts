import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, idParams, okResponse, page, version } from '../../../contracts/common.ts';
import {
  conclusionsToTasksBody,
  meetingCreateBody,
  meetingListItem,
  meetingListQuery,
  meetingSchema,
  meetingUpdateBody,
} from '../../../contracts/meetings.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { issuerOf } from '../documents/issuer.ts';
import { renderDocx } from '../documents/render.ts';
import { documentFormatQuery, sendDocument } from '../documents/send.ts';
import { conclusionsToTasks } from './conclusions.ts';
import { invitationDocument, minutesDocument } from './documents.ts';
import { getMeeting } from './load.ts';
import * as meetings from './service.ts';

const tags = ['meetings'];

// Meetings (hội nghị): invitations, attendees, agenda, minutes, conclusions.
export const meetingRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/meetings',
      {
        schema: {
          tags,
          summary:
            'Danh sách hội nghị trong phạm vi (lọc văn bản, loại; upcoming=true: sắp diễn ra theo thứ tự ngày; tìm không dấu)',
          querystring: meetingListQuery,
          response: { 200: page(meetingListItem) },
        },
      },
      async (req) => meetings.listMeetings(db, requireActor(req), req.query),
    );

    app.get(
      '/api/meetings/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết hội nghị: đơn vị, đại biểu, chương trình, biên bản, kết luận, quyền',
          params: idParams,
          response: { 200: meetingSchema },
        },
      },
      async (req) => getMeeting(db, requireActor(req), req.params.id),
    );

    app.post(
      '/api/meetings',
      {
        schema: {
          tags,
          summary: 'Tạo hội nghị (ký kết, giao ban, sơ kết, tổng kết, khác)',
          body: meetingCreateBody,
          response: { 201: meetingSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await meetings.createMeeting(db, requireActor(req), req.body)),
    );

    app.patch(
      '/api/meetings/:id',
      {
        schema: {
          tags,
          summary:
            'Sửa hội nghị (kèm version; danh sách gửi lên thay cho danh sách cũ; kết luận gửi kèm id được giữ)',
          params: idParams,
          body: meetingUpdateBody,
          response: { 200: meetingSchema },
        },
      },
      async (req) => meetings.updateMeeting(db, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/api/meetings/:id',
      {
        schema: {
          tags,
          summary: 'Xóa hội nghị còn ở trạng thái dự kiến (kèm version thì bản cũ → 409)',
          params: idParams,
          body: z.strictObject({ version }).nullish(),
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await meetings.deleteMeeting(db, requireActor(req), req.params.id, req.body?.version);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/meetings/:id/conclusions/tasks',
      {
        schema: {
          tags,
          summary: 'Chuyển kết luận hội nghị thành nhiệm vụ của kế hoạch (liên kết ngược về kết luận)',
          params: idParams,
          body: conclusionsToTasksBody,
          response: {
            200: z.object({
              tasks: z.array(z.object({ conclusionId: z.number().int(), taskId: z.number().int() })),
              version: z.number().int(),
            }),
          },
        },
      },
      async (req) => conclusionsToTasks(db, requireActor(req), req.params.id, req.body),
    );
    const documents = [
      {
        path: 'invitation.docx',
        summary: 'Giấy mời hội nghị (DOCX, ?format=pdf): kính mời, thời gian, địa điểm, nội dung, thành phần',
        build: invitationDocument,
        fileName: 'Giấy mời',
      },
      {
        path: 'minutes.docx',
        summary: 'Biên bản hội nghị (DOCX, ?format=pdf): thành phần, nội dung, biên bản, kết luận, chữ ký',
        build: minutesDocument,
        fileName: 'Biên bản',
      },
    ] as const;
    for (const d of documents) {
      app.get(
        `/api/meetings/:id/${d.path}`,
        {
          schema: {
            tags,
            summary: d.summary,
            params: idParams,
            querystring: documentFormatQuery,
            response: { 200: fileResponse },
          },
        },
        async (req, reply) => {
          const meeting = await getMeeting(db, requireActor(req), req.params.id);
          const issuer = await issuerOf(db, meeting.hostUnit.id);
          const buffer = await renderDocx(d.build(meeting, issuer));
          return sendDocument(reply, buffer, `${d.fileName} - ${meeting.title}`, req.query.format);
        },
      );
    }
  };
