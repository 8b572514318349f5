import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse, page } from '../../../contracts/common.ts';
import {
  occurrenceBody,
  occurrenceParams,
  reorderBody,
  sectionInput,
  sectionSchema,
  sectionUpdate,
  taskCommentBody,
  taskCreateBody,
  taskDetailSchema,
  taskListQuery,
  taskProgressUpdateBody,
  taskSchema,
  taskStatusBody,
} from '../../../contracts/tasks.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { cachedPage } from '../../lib/resultCache.ts';
import { listTasks } from './list.ts';
import { setOccurrence } from './occurrences.ts';
import * as sections from './sections.ts';
import * as tasks from './service.ts';

const tags = ['tasks'];
const sectionOut = sectionSchema;

export const taskRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agreements/:id/sections',
      {
        schema: {
          tags,
          summary: 'Các nội dung phối hợp của văn bản',
          params: idParams,
          response: { 200: z.array(sectionOut) },
        },
      },
      async (req) => sections.listSections(db, requireActor(req), req.params.id),
    );
    app.post(
      '/api/agreements/:id/sections',
      {
        schema: {
          tags,
          summary: 'Thêm nội dung phối hợp',
          params: idParams,
          body: sectionInput,
          response: { 201: sectionOut },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await sections.createSection(db, requireActor(req), req.params.id, req.body)),
    );
    app.patch(
      '/api/sections/:id',
      {
        schema: {
          tags,
          summary: 'Sửa nội dung phối hợp',
          params: idParams,
          body: sectionUpdate,
          response: { 200: sectionOut },
        },
      },
      async (req) => sections.updateSection(db, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/api/sections/:id',
      {
        schema: { tags, summary: 'Xóa nội dung phối hợp', params: idParams, response: { 200: okResponse } },
      },
      async (req) => {
        await sections.deleteSection(db, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/agreements/:id/sections/reorder',
      {
        schema: {
          tags,
          summary: 'Sắp xếp lại các nội dung (đánh số 1..n)',
          params: idParams,
          body: reorderBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await sections.reorderSections(db, requireActor(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/agreements/:id/tasks',
      {
        schema: {
          tags,
          summary: 'Thêm nhiệm vụ (một đơn vị chủ trì)',
          params: idParams,
          body: taskCreateBody,
          response: { 201: taskDetailSchema },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await tasks.createTask(db, actor, req.params.id, req.body);
        return reply.code(201).send(await tasks.getTask(db, actor, id));
      },
    );
    app.get(
      '/api/tasks',
      {
        schema: {
          tags,
          summary:
            'Danh sách nhiệm vụ: lọc theo văn bản, nội dung, đơn vị và vai trò, trạng thái (kể cả quá hạn), hạn; tìm không dấu',
          querystring: taskListQuery,
          response: { 200: page(taskSchema) },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        return cachedPage(db, actor, 'tasks', req.query, () => listTasks(db, actor, req.query));
      },
    );
    app.get(
      '/api/tasks/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết nhiệm vụ (kỳ, cập nhật tiến độ, ý kiến)',
          params: idParams,
          response: { 200: taskDetailSchema },
        },
      },
      async (req) => tasks.getTask(db, requireActor(req), req.params.id),
    );
    app.post(
      '/api/tasks/:id/status',
      {
        schema: {
          tags,
          summary: 'Cập nhật trạng thái nhiệm vụ (đơn vị chủ trì)',
          params: idParams,
          body: taskStatusBody,
          response: { 200: taskDetailSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await tasks.setTaskStatus(db, actor, req.params.id, req.body);
        return tasks.getTask(db, actor, req.params.id);
      },
    );
    app.post(
      '/api/tasks/:id/updates',
      {
        schema: {
          tags,
          summary: 'Báo cáo tiến độ (đơn vị chủ trì, phối hợp, thực hiện)',
          params: idParams,
          body: taskProgressUpdateBody,
          response: { 201: taskDetailSchema },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await tasks.postTaskUpdate(db, actor, req.params.id, req.body);
        return reply.code(201).send(await tasks.getTask(db, actor, req.params.id));
      },
    );
    app.get(
      '/api/tasks/mine',
      {
        schema: {
          tags,
          summary:
            'Việc của đơn vị tôi: đơn vị trong phạm vi chủ trì, phối hợp hoặc thực hiện (quá hạn trước, rồi việc đang mở, theo hạn)',
          querystring: taskListQuery,
          response: { 200: page(taskSchema) },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const query = { ...req.query, mine: true };
        return cachedPage(db, actor, 'tasks', query, () => listTasks(db, actor, query));
      },
    );
    app.post(
      '/api/tasks/:id/occurrences/:occurrenceId',
      {
        schema: {
          tags,
          summary: 'Đánh dấu một kỳ của nhiệm vụ định kỳ đã/chưa hoàn thành (đơn vị chủ trì; kèm version)',
          params: occurrenceParams,
          body: occurrenceBody,
          response: { 200: taskDetailSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await setOccurrence(db, actor, req.params.id, req.params.occurrenceId, req.body);
        return tasks.getTask(db, actor, req.params.id);
      },
    );
    app.post(
      '/api/tasks/:id/comments',
      {
        schema: {
          tags,
          summary: 'Góp ý về nhiệm vụ',
          params: idParams,
          body: taskCommentBody,
          response: { 201: taskDetailSchema },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await tasks.commentOnTask(db, actor, req.params.id, req.body);
        return reply.code(201).send(await tasks.getTask(db, actor, req.params.id));
      },
    );
  };
