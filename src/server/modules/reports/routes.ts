import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id, idParams, page } from '../../../contracts/common.ts';
import {
  bulkApproveBody,
  bulkApproveResult,
  reportActionBody,
  reportEventDetailSchema,
  reportListItem,
  reportListQuery,
  reportOpenBody,
  reportReopenBody,
  reportReturnBody,
  reportSaveBody,
  reportSchema,
} from '../../../contracts/reports.ts';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/auth.ts';
import { listReports } from './list.ts';
import * as service from './service.ts';

const tags = ['reports'];

// Periodic reports: open, save, submit, approve, return, reopen, history.
export const reportRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/reports',
      {
        schema: {
          tags,
          summary:
            'Danh sách báo cáo định kỳ: lọc theo biểu mẫu, văn bản, đơn vị (cả đơn vị trực thuộc), kỳ, trạng thái, quá hạn (overdue=true), đến hạn chưa gửi (due=true), "chờ tôi duyệt"',
          querystring: reportListQuery,
          response: { 200: page(reportListItem) },
        },
      },
      async (req) => listReports(db, requireActor(req), req.query),
    );
    app.post(
      '/api/reports',
      {
        schema: {
          tags,
          summary:
            'Mở báo cáo của đơn vị cho một kỳ của biểu mẫu (tạo bản nháp nếu chưa có: 201; đã có: 200)',
          body: reportOpenBody,
          response: { 200: reportSchema, 201: reportSchema },
        },
      },
      async (req, reply) => {
        const { report, created } = await service.openReport(db, requireActor(req), req.body);
        return reply.code(created ? 201 : 200).send(report);
      },
    );
    app.post(
      '/api/reports/bulk-approve',
      {
        schema: {
          tags,
          summary: 'Duyệt nhiều báo cáo một lúc (mỗi báo cáo duyệt riêng; kết quả từng báo cáo)',
          body: bulkApproveBody,
          response: { 200: bulkApproveResult },
        },
      },
      async (req) => service.bulkApprove(db, requireActor(req), req.body),
    );
    app.get(
      '/api/reports/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết báo cáo: số liệu, thuyết minh, cảnh báo, lịch sử, tệp đính kèm, quyền thao tác',
          params: idParams,
          response: { 200: reportSchema },
        },
      },
      async (req) => service.getReport(db, requireActor(req), req.params.id),
    );
    app.put(
      '/api/reports/:id',
      {
        schema: {
          tags,
          summary:
            'Lưu nháp báo cáo (số liệu cập nhật theo chỉ tiêu, nhóm, địa bàn; null để xóa; kèm version)',
          params: idParams,
          body: reportSaveBody,
          response: { 200: reportSchema },
        },
      },
      async (req) => service.saveReport(db, requireActor(req), req.params.id, req.body, 'save'),
    );
    app.post(
      '/api/reports/:id/submit',
      {
        schema: {
          tags,
          summary:
            'Gửi báo cáo để duyệt (lỗi, sai quy tắc liên chỉ tiêu, tổng các nhóm lệch, thiếu chỉ tiêu bắt buộc phải sửa trước; số ngoài giới hạn chỉ là cảnh báo cho người duyệt)',
          params: idParams,
          body: reportActionBody,
          response: { 200: reportSchema },
        },
      },
      async (req) => service.submitReport(db, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/reports/:id/approve',
      {
        schema: {
          tags,
          summary: 'Duyệt báo cáo ở bước hiện tại (bước cuối: báo cáo được khóa)',
          params: idParams,
          body: reportActionBody,
          response: { 200: reportSchema },
        },
      },
      async (req) => service.approveReport(db, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/reports/:id/return',
      {
        schema: {
          tags,
          summary: 'Trả lại báo cáo cho đơn vị kèm ý kiến',
          params: idParams,
          body: reportReturnBody,
          response: { 200: reportSchema },
        },
      },
      async (req) => service.returnReport(db, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/api/reports/:id/reopen',
      {
        schema: {
          tags,
          summary: 'Mở lại báo cáo đã duyệt để sửa (lãnh đạo đơn vị duyệt cuối, nêu lý do)',
          params: idParams,
          body: reportReopenBody,
          response: { 200: reportSchema },
        },
      },
      async (req) => service.reopenReport(db, requireActor(req), req.params.id, req.body),
    );
    app.get(
      '/api/reports/:id/events/:eventId',
      {
        schema: {
          tags,
          summary: 'Một mục lịch sử báo cáo kèm số liệu và thuyết minh tại thời điểm đó',
          params: z.strictObject({ id, eventId: id }),
          response: { 200: reportEventDetailSchema },
        },
      },
      async (req) => service.getReportEvent(db, requireActor(req), req.params.id, req.params.eventId),
    );
  };
