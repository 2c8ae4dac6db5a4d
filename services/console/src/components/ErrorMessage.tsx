import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';

/** A failed call's message, unless every error is shown at its field already. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
    return <p role="alert" className="field-error">{t('common.fixFields')}</p>;
  }
  return (
    <p role="alert" className="field-error">
      {error instanceof ApiError ? t(`errors.${error.code}`, { defaultValue: error.message }) : String(error)}
    </p>
  );
}

/** The API's error for one input path, if any. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[path] : undefined;
}

/** The API's error for a list input or any of its entries (`scopes`, `scopes[2]`), if any. */
export function listFieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const key = Object.keys(error.fieldErrors).find((field) => field === path || field.startsWith(`${path}[`));
  return key === undefined ? undefined : error.fieldErrors[key];
}
