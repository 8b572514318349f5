import { notifications } from '@mantine/notifications';
import { ApiError } from './api.ts';
import { i18n } from './i18n/index.ts';

interface FormLike {
  setFieldError: (path: string, error: string) => void;
  getValues: () => object;
}

/**
 * Shows a server error where the user will look: each `fields[].path` under the matching
 * form field, anything else (or a field the form does not have) in a notification.
 */
export function showApiError(error: unknown, form?: FormLike) {
  if (error instanceof ApiError) {
    const unplaced: string[] = [];
    if (form && error.fields.length > 0) {
      const values = form.getValues() as Record<string, unknown>;
      for (const field of error.fields) {
        const top = field.path.split('.')[0] ?? '';
        if (top in values) form.setFieldError(field.path, field.message);
        else unplaced.push(field.message);
      }
      if (unplaced.length === 0) return;
    }
    notifications.show({
      color: 'red',
      title: error.code === 'VERSION_CONFLICT' ? i18n.t('common.conflictTitle') : i18n.t('common.error'),
      message:
        error.code === 'VERSION_CONFLICT'
          ? i18n.t('common.conflict')
          : [error.message, ...unplaced].join(' '),
      autoClose: error.code === 'VERSION_CONFLICT' ? false : 8000,
      closeButtonProps: { 'aria-label': i18n.t('common.close') },
    });
    return;
  }
  notifications.show({ color: 'red', title: i18n.t('common.error'), message: String(error) });
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'VERSION_CONFLICT';
}

export function notifySuccess(message: string) {
  notifications.show({
    color: 'teal',
    message,
    autoClose: 4000,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
