import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Loading and error states of a query, the same on every screen; renders `children` with the data. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <p aria-live="polite">{t('common.loading')}</p>;
  if (query.isError) return <p role="alert">{t('common.loadFailed', { message: query.error.message })}</p>;
  return <>{children(query.data)}</>;
}
