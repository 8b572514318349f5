import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id, idParams, okResponse, page } from '../../../contracts/common.ts';
import {
  grantInput,
  resetPasswordBody,
  userCreateBody,
  userListQuery,
  userSchema,
  userUpdateBody,
} from '../../../contracts/users.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import * as users from './service.ts';

const tags = ['users'];

export const userRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/users',
      {
        schema: {
          tags,
          summary: 'Danh sách người dùng',
          querystring: userListQuery,
          response: { 200: page(userSchema) },
        },
      },
      async (req) => users.listUsers(db, requireActor(req), req.query),
    );

    app.get(
      '/api/users/:id',
      { schema: { tags, summary: 'Chi tiết người dùng', params: idParams, response: { 200: userSchema } } },
      async (req) => users.getUser(db, requireActor(req), req.params.id),
    );

    app.post(
      '/api/users',
      { schema: { tags, summary: 'Tạo người dùng', body: userCreateBody, response: { 201: userSchema } } },
      async (req, reply) => {
        const actor = requireActor(req);
        const created = await users.createUser(db, actor, req.body);
        return reply.status(201).send(await users.getUser(db, actor, created));
      },
    );

    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags,
          summary: 'Sửa người dùng',
          params: idParams,
          body: userUpdateBody,
          response: { 200: userSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await users.updateUser(db, actor, req.params.id, req.body);
        return users.getUser(db, actor, req.params.id);
      },
    );

    app.delete(
      '/api/users/:id',
      { schema: { tags, summary: 'Xóa người dùng', params: idParams, response: { 200: okResponse } } },
      async (req) => {
        await users.deleteUser(db, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/users/:id/reset-password',
      {
        schema: {
          tags,
          summary: 'Quản trị viên đặt lại mật khẩu',
          params: idParams,
          body: resetPasswordBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await users.resetPassword(db, requireActor(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/users/:id/grants',
      {
        schema: {
          tags,
          summary: 'Cấp vai trò trên một đơn vị',
          params: idParams,
          body: grantInput,
          response: { 201: userSchema },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await users.addGrant(db, actor, req.params.id, req.body);
        return reply.status(201).send(await users.getUser(db, actor, req.params.id));
      },
    );

    app.delete(
      '/api/users/:id/grants/:grantId',
      {
        schema: {
          tags,
          summary: 'Thu hồi vai trò',
          params: z.strictObject({ id, grantId: id }),
          response: { 200: userSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await users.removeGrant(db, actor, req.params.id, req.params.grantId);
        return users.getUser(db, actor, req.params.id);
      },
    );
  };
