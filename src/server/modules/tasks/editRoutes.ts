import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileResponse, idParams, okResponse } from '../../../contracts/common.ts';
import {
  rolloverBody,
  taskDetailSchema,
  taskListQuery,
  taskReassignBody,
  taskUpdateBody,
} from '../../../contracts/tasks.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import * as edit from './edit.ts';
import { exportTasksXlsx, XLSX_TYPE, xlsxDisposition } from './export.ts';
import * as rollover from './rollover.ts';
import { getTask } from './service.ts';

const tags = ['tasks'];

/** Editing, reassigning, deleting and reordering tasks; roll-over to next year's plan; XLSX export. */
export const taskEditRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    // A static segment: find-my-way matches it before /api/tasks/:id.
    app.get(
      '/api/tasks/export.xlsx',
      {
        schema: {
          tags,
          summary: 'Xuất danh sách nhiệm vụ ra Excel (cùng bộ lọc với danh sách, mọi dòng)',
          querystring: taskListQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const { buffer } = await exportTasksXlsx(db, requireActor(req), req.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', xlsxDisposition())
          .header('cache-control', 'no-store')
          .send(buffer);
      },
    );
    app.patch(
      '/api/tasks/:id',
      {
        schema: {
          tags,
          summary: 'Sửa nhiệm vụ (kèm version; đổi đơn vị chủ trì cần lãnh đạo một bên)',
          params: idParams,
          body: taskUpdateBody,
          response: { 200: taskDetailSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await edit.updateTask(db, actor, req.params.id, req.body);
        return getTask(db, actor, req.params.id);
      },
    );
    app.post(
      '/api/tasks/:id/reassign',
      {
        schema: {
          tags,
          summary: 'Giao lại đơn vị chủ trì (lãnh đạo một bên tham gia)',
          params: idParams,
          body: taskReassignBody,
          response: { 200: taskDetailSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await edit.reassignTask(db, actor, req.params.id, req.body);
        return getTask(db, actor, req.params.id);
      },
    );
    app.delete(
      '/api/tasks/:id',
      {
        schema: {
          tags,
          summary: 'Xóa nhiệm vụ (?version=N)',
          params: idParams,
          querystring: edit.deleteQuery,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await edit.deleteTask(db, requireActor(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/agreements/:id/tasks/reorder',
      {
        schema: {
          tags,
          summary: 'Sắp xếp lại nhiệm vụ (đánh số 1..n; kèm sectionId để chuyển vào một nội dung)',
          params: idParams,
          body: edit.taskReorderBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await edit.reorderTasks(db, requireActor(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/agreements/:id/rollover',
      {
        schema: {
          tags,
          summary: 'Đề xuất chuyển kế hoạch sang năm sau (nhiệm vụ chưa xong và thường xuyên)',
          params: idParams,
          querystring: rollover.rolloverQuery,
          response: { 200: rollover.rolloverProposalSchema },
        },
      },
      async (req) => rollover.rolloverProposal(db, requireActor(req), req.params.id, req.query.year),
    );
    app.post(
      '/api/agreements/:id/rollover',
      {
        schema: {
          tags,
          summary: 'Tạo kế hoạch năm sau từ các nhiệm vụ đã chọn (dự thảo)',
          params: idParams,
          body: rolloverBody,
          response: { 201: rollover.rolloverCreated },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await rollover.createRollover(db, requireActor(req), req.params.id, req.body)),
    );
  };
