import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileResponse, idParams } from '../../../contracts/common.ts';
import {
  matrixQuery,
  matrixSchema,
  rollupQuery,
  rollupSchema,
  trendQuery,
  trendSchema,
} from '../../../contracts/reports.ts';
import {
  dashboardQuery,
  indicatorTotalSchema,
  unitDashboardSchema,
  userDashboardSchema,
  yearQuery,
} from '../../../contracts/rollup.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { unitDashboard, userDashboard } from './dashboards.ts';
import { statusMatrix } from './matrix.ts';
import { agreementRollup, agreementTrend, indicatorTotal, trendWithContext } from './service.ts';
import { matrixXlsx, rollupXlsx, trendXlsx, XLSX_TYPE, xlsxDisposition } from './xlsx.ts';

const tags = ['rollup'];

// Roll-ups, reporting-status matrix, dashboards and their XLSX exports.
export const rollupRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agreements/:id/rollup',
      {
        schema: {
          tags,
          summary:
            'Tổng hợp số liệu của văn bản theo cây đơn vị của kỳ (thực hiện, kế hoạch, % đạt, cùng kỳ)',
          params: idParams,
          querystring: rollupQuery,
          response: { 200: rollupSchema },
        },
      },
      async (req) => agreementRollup(db, requireActor(req), req.params.id, req.query),
    );
    app.get(
      '/api/agreements/:id/rollup.xlsx',
      {
        schema: {
          tags,
          summary: 'Xuất bảng tổng hợp số liệu ra Excel',
          params: idParams,
          querystring: rollupQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const rollup = await agreementRollup(db, actor, req.params.id, req.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', xlsxDisposition('tong-hop', 'Tổng hợp số liệu', rollup.period))
          .header('cache-control', 'no-store')
          .send(await rollupXlsx(db, rollup));
      },
    );
    app.get(
      '/api/agreements/:id/trend',
      {
        schema: {
          tags,
          summary: 'Diễn biến một chỉ tiêu của văn bản qua các kỳ',
          params: idParams,
          querystring: trendQuery,
          response: { 200: trendSchema },
        },
      },
      async (req) => agreementTrend(db, requireActor(req), req.params.id, req.query),
    );
    app.get(
      '/api/agreements/:id/trend.xlsx',
      {
        schema: {
          tags,
          summary: 'Xuất diễn biến một chỉ tiêu qua các kỳ ra Excel',
          params: idParams,
          querystring: trendQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const result = await trendWithContext(db, requireActor(req), req.params.id, req.query);
        const { code } = result.indicator;
        return reply
          .header('content-type', XLSX_TYPE)
          .header(
            'content-disposition',
            xlsxDisposition(
              `dien-bien-${code.toLowerCase()}`,
              `Diễn biến ${code}`,
              `${req.query.fromYear}-${req.query.toYear}`,
            ),
          )
          .header('cache-control', 'no-store')
          .send(await trendXlsx(db, result, req.query));
      },
    );
    app.get(
      '/api/forms/:id/status-matrix',
      {
        schema: {
          tags,
          summary: 'Tình hình báo cáo: đơn vị × kỳ, tỷ lệ đầy đủ và đúng hạn',
          params: idParams,
          querystring: matrixQuery,
          response: { 200: matrixSchema },
        },
      },
      async (req) => (await statusMatrix(db, requireActor(req), req.params.id, req.query)).matrix,
    );
    app.get(
      '/api/forms/:id/status-matrix.xlsx',
      {
        schema: {
          tags,
          summary: 'Xuất tình hình báo cáo ra Excel',
          params: idParams,
          querystring: matrixQuery,
          response: { 200: fileResponse },
        },
      },
      async (req, reply) => {
        const result = await statusMatrix(db, requireActor(req), req.params.id, req.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header(
            'content-disposition',
            xlsxDisposition('tinh-hinh-bao-cao', 'Tình hình báo cáo', result.matrix.periods[0]?.key ?? ''),
          )
          .header('cache-control', 'no-store')
          .send(await matrixXlsx(result));
      },
    );
    app.get(
      '/api/units/:id/dashboard',
      {
        schema: {
          tags,
          summary: 'Bảng điều khiển của đơn vị: số liệu theo văn bản, nhiệm vụ quá hạn, báo cáo đến hạn',
          params: idParams,
          querystring: dashboardQuery,
          response: { 200: unitDashboardSchema },
        },
      },
      async (req) => unitDashboard(db, requireActor(req), req.params.id, req.query.year),
    );
    app.get(
      '/api/indicators/:id/total',
      {
        schema: {
          tags,
          summary:
            'Tổng số năm của một chỉ tiêu trên mọi văn bản trong phạm vi của bạn (toàn quốc nếu toàn hệ thống)',
          params: idParams,
          querystring: yearQuery,
          response: { 200: indicatorTotalSchema },
        },
      },
      async (req) => indicatorTotal(db, requireActor(req), req.params.id, req.query.year),
    );
    app.get(
      '/api/dashboard',
      {
        schema: {
          tags,
          summary:
            'Tổng quan của tôi: báo cáo đến hạn, quá hạn, bị trả lại, chờ tôi duyệt; nhiệm vụ quá hạn; số liệu chính',
          querystring: dashboardQuery,
          response: { 200: userDashboardSchema },
        },
      },
      async (req) => userDashboard(db, requireActor(req), req.query.year),
    );
  };
