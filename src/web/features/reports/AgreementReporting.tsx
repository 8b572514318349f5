import { Stack } from '@mantine/core';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { AgreementIndicators } from '../indicators/AgreementIndicators.tsx';
import { FormsCard } from './FormsCard.tsx';

/** The agreement page's "Chỉ tiêu, biểu mẫu" tab: its indicators with targets, and its report forms. */
export function AgreementReporting({ agreement }: { agreement: AgreementDetail }) {
  return (
    <Stack gap="md">
      <AgreementIndicators agreement={agreement} />
      <FormsCard agreement={agreement} />
    </Stack>
  );
}
