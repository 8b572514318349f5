import dayjs from 'dayjs';
import { i18n } from './i18n/index.ts';

// Dates dd/mm/yyyy and numbers with Vietnamese separators (1.734 ; 12,5), whatever the
// interface language: they are official-document conventions, not translations.
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('DD/MM/YYYY') : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : value;
}

const numberFormat = new Intl.NumberFormat('vi-VN');
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function currentLocale(): 'vi' | 'en' {
  return i18n.language === 'en' ? 'en' : 'vi';
}
