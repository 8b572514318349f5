// The review report (báo cáo sơ kết / tổng kết) as the server sends it (src/contracts/meetings.ts).
import type { z } from 'zod';
import type {
  ReviewDraft,
  ReviewFigure,
  ReviewOut,
  reviewListItem,
  reviewVersionSchema,
} from '../../../contracts/meetings.ts';

export type ReviewDetail = ReviewOut;
export type ReviewListItem = z.infer<typeof reviewListItem>;
export type ReviewVersion = z.infer<typeof reviewVersionSchema>;
export type { ReviewDraft, ReviewFigure };
export type ReviewResultSection = ReviewDraft['results'][number];
