import { SegmentedControl } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../contracts/auth.ts';
import { api } from '../api.ts';
import { meKey } from '../auth.ts';
import { applyLocale, type Locale } from '../i18n/index.ts';

/** VI / EN switch; remembered on the account when signed in, in this browser otherwise. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // phones: short labels so the header fits in 360px
  const narrow = useMediaQuery('(max-width: 30em)');
  const change = (value: string) => {
    const locale: Locale = value === 'en' ? 'en' : 'vi';
    applyLocale(locale);
    const me = queryClient.getQueryData<Me | null>(meKey);
    if (me) {
      queryClient.setQueryData<Me>(meKey, { ...me, user: { ...me.user, locale } });
      void api.put('/api/me/locale', { locale }).catch(() => {});
    }
  };
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={change}
      data={[
        { value: 'vi', label: <span lang="vi">{narrow ? 'VI' : 'Tiếng Việt'}</span> },
        { value: 'en', label: <span lang="en">{narrow ? 'EN' : 'English'}</span> },
      ]}
    />
  );
}
