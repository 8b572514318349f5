import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse, page, version } from '../../../contracts/common.ts';
import {
  unitCloseBody,
  unitCreateBody,
  unitDetailSchema,
  unitKindSchema,
  unitListQuery,
  unitMoveBody,
  unitSchema,
  unitUpdateBody,
} from '../../../contracts/units.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import * as units from './service.ts';

const tags = ['units'];

export const unitRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/units',
      {
        schema: {
          tags,
          summary: 'Danh sách đơn vị (tìm kiếm không dấu)',
          querystring: unitListQuery,
          response: { 200: page(unitSchema) },
        },
      },
      async (req) => units.listUnits(db, requireActor(req), req.query),
    );

    app.get(
      '/api/units/directory',
      {
        schema: {
          tags,
          summary: 'Danh bạ đơn vị đang hoạt động (chỉ tên) để chọn đơn vị phối hợp, các bên tham gia',
          response: {
            200: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                shortName: z.string().nullable(),
                provinceName: z.string().nullable(),
              }),
            ),
          },
        },
      },
      async (req) => {
        requireActor(req);
        return units.unitDirectoryList(db);
      },
    );
    app.get(
      '/api/units/tree',
      {
        schema: {
          tags,
          summary: 'Cây đơn vị trong phạm vi của tôi',
          response: {
            200: z.array(
              z.object({
                id: z.number(),
                parentId: z.number().nullable(),
                name: z.string(),
                shortName: z.string().nullable(),
                kind: unitKindSchema,
                validTo: z.string().nullable(),
              }),
            ),
          },
        },
      },
      async (req) => units.unitTree(db, requireActor(req)),
    );

    app.get(
      '/api/units/:id',
      { schema: { tags, summary: 'Chi tiết đơn vị', params: idParams, response: { 200: unitDetailSchema } } },
      async (req) => units.getUnit(db, requireActor(req), req.params.id),
    );

    app.post(
      '/api/units',
      { schema: { tags, summary: 'Tạo đơn vị', body: unitCreateBody, response: { 201: unitDetailSchema } } },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await units.createUnit(db, actor, req.body);
        return reply.status(201).send(await units.getUnit(db, actor, id));
      },
    );

    app.patch(
      '/api/units/:id',
      {
        schema: {
          tags,
          summary: 'Sửa đơn vị (kèm version để phát hiện sửa đồng thời)',
          params: idParams,
          body: unitUpdateBody,
          response: { 200: unitDetailSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await units.updateUnit(db, actor, req.params.id, req.body);
        return units.getUnit(db, actor, req.params.id);
      },
    );

    app.post(
      '/api/units/:id/move',
      {
        schema: {
          tags,
          summary: 'Chuyển đơn vị sang đơn vị cấp trên khác',
          params: idParams,
          body: unitMoveBody,
          response: { 200: unitDetailSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await units.moveUnit(db, actor, req.params.id, req.body);
        return units.getUnit(db, actor, req.params.id);
      },
    );

    app.post(
      '/api/units/:id/close',
      {
        schema: {
          tags,
          summary: 'Giải thể / sáp nhập đơn vị, ghi đơn vị kế thừa',
          params: idParams,
          body: unitCloseBody,
          response: { 200: unitDetailSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await units.closeUnit(db, actor, req.params.id, req.body);
        return units.getUnit(db, actor, req.params.id);
      },
    );

    app.delete(
      '/api/units/:id',
      {
        schema: {
          tags,
          summary: 'Xóa đơn vị (chỉ khi chưa được dùng)',
          params: idParams,
          querystring: z.strictObject({ version: z.coerce.number().pipe(version) }),
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await units.deleteUnit(db, requireActor(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );
  };
