import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiTokenCreateBody,
  apiTokenSchema,
  changePasswordBody,
  localeBody,
  loginBody,
  meSchema,
  totpCodeBody,
  totpDisableBody,
} from '../../../contracts/auth.ts';
import { idParams, okResponse } from '../../../contracts/common.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { requireActor, sessionCookieOptions } from '../../http/auth.ts';
import { AppError } from '../../lib/errors.ts';
import * as auth from './service.ts';
import { deleteSession, resolveSession, SESSION_COOKIE } from './session.ts';

const tags = ['auth'];

export const authRoutes =
  (db: Db, config: Config): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: {
          public: true,
          rateLimit: { max: config.login.maxPerMinute, timeWindow: 60_000 },
        },
        schema: {
          tags,
          summary: 'Đăng nhập (đặt cookie phiên) / sign in',
          body: loginBody,
          response: { 200: meSchema },
        },
      },
      async (req, reply) => {
        // Sign-in is the one state-changing call without a CSRF token; a browser always
        // sends Origin on a cross-site POST, so one from elsewhere is refused here.
        // An unparsable Origin (e.g. the opaque "null" of sandboxed pages) is foreign too,
        // not a 500 from new URL().
        const origin = req.headers.origin;
        if (origin && URL.parse(origin)?.host !== req.headers.host) throw new AppError('CSRF_INVALID');
        const old = req.cookies[SESSION_COOKIE];
        if (old) await deleteSession(db, old); // rotation: never reuse a pre-login session id
        const session = await auth.login(
          db,
          req.body,
          { ...config.session, ...config.login },
          {
            ip: req.ip,
            userAgent: req.headers['user-agent'] ?? null,
          },
        );
        reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(config, session.expiresAt));
        const found = await resolveSession(db, session.token, config.session);
        if (found.status !== 'ok') throw new AppError('UNAUTHENTICATED');
        return auth.me(db, found.actor, session.csrfToken);
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags, summary: 'Đăng xuất / sign out', response: { 200: okResponse } } },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await deleteSession(db, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/me',
      { schema: { tags, summary: 'Người dùng hiện tại, quyền và khả năng', response: { 200: meSchema } } },
      async (req) => auth.me(db, requireActor(req), req.csrfToken ?? ''),
    );

    app.post(
      '/api/me/password',
      { schema: { tags, summary: 'Đổi mật khẩu', body: changePasswordBody, response: { 200: okResponse } } },
      async (req) => {
        await auth.changePassword(db, requireActor(req), req.body);
        return { ok: true as const };
      },
    );

    app.put(
      '/api/me/locale',
      {
        schema: { tags, summary: 'Chọn ngôn ngữ giao diện', body: localeBody, response: { 200: okResponse } },
      },
      async (req) => {
        await auth.setLocale(db, requireActor(req), req.body.locale);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/me/totp',
      {
        schema: {
          tags,
          summary: 'Bắt đầu bật xác thực hai lớp (TOTP)',
          response: { 200: z.object({ secret: z.string(), uri: z.string() }) },
        },
      },
      async (req) => auth.beginTotp(db, requireActor(req)),
    );

    app.post(
      '/api/me/totp/confirm',
      {
        schema: {
          tags,
          summary: 'Xác nhận mã TOTP để bật',
          body: totpCodeBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await auth.confirmTotp(db, requireActor(req), req.body.code);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/me/totp/disable',
      {
        schema: {
          tags,
          summary: 'Tắt xác thực hai lớp',
          body: totpDisableBody,
          response: { 200: okResponse },
        },
      },
      async (req) => {
        await auth.disableTotp(db, requireActor(req), req.body.currentPassword);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/me/tokens',
      { schema: { tags, summary: 'Mã truy cập API của tôi', response: { 200: z.array(apiTokenSchema) } } },
      async (req) => auth.listApiTokens(db, requireActor(req)),
    );

    app.post(
      '/api/me/tokens',
      {
        schema: {
          tags,
          summary: 'Tạo mã truy cập API (chỉ hiển thị một lần)',
          body: apiTokenCreateBody,
          response: { 200: apiTokenSchema.extend({ token: z.string() }) },
        },
      },
      async (req) => auth.createApiToken(db, requireActor(req), req.body),
    );

    app.delete(
      '/api/me/tokens/:id',
      {
        schema: { tags, summary: 'Thu hồi mã truy cập API', params: idParams, response: { 200: okResponse } },
      },
      async (req) => {
        await auth.revokeApiToken(db, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
