import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import './i18n/index.ts';
import {
  Badge,
  createTheme,
  defaultVariantColorsResolver,
  MantineProvider,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { setUnauthenticatedHandler } from './api.ts';
import { meKey } from './auth.ts';
import { queryClient } from './queryClient.ts';
import { router } from './router.tsx';

// "light" variants (badges, buttons) draw text in the colour's shade 6, below WCAG AA contrast on
// the pale background; shade 9 on shade 0 reads well.
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant === 'light') {
    const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
    if (parsed.isThemeColor && parsed.shade === undefined) {
      return {
        ...colors,
        background: `var(--mantine-color-${parsed.color}-0)`,
        hover: `var(--mantine-color-${parsed.color}-1)`,
        color: `var(--mantine-color-${parsed.color}-9)`,
      };
    }
  }
  return colors;
};

const theme = createTheme({
  variantColorResolver,
  primaryColor: 'brand',
  primaryShade: 7,
  colors: {
    // a deep, sober blue for a public-administration tool
    brand: [
      '#e8f1fb',
      '#d0e0f3',
      '#a3bfe6',
      '#729cd9',
      '#4a7ece',
      '#316bc8',
      '#2361c6',
      '#1a51ae',
      '#12479c',
      '#003d8a',
    ],
  },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'sm',
  components: {
    // Vietnamese reads badly in capitals: keep the case as written.
    Badge: Badge.extend({ styles: { label: { textTransform: 'none' } } }),
  },
});

// Any 401 outside sign-in ends the session on this page; the shell then shows the login.
setUnauthenticatedHandler(() => {
  queryClient.setQueryData(meKey, null);
});

function Providers() {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
      <Notifications position="top-right" />
      <RouterProvider router={router} />
    </DatesProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <Providers />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
