import { useTranslation } from 'react-i18next';

/** A webhook signing secret the API returns only once, with what to do with it. */
export function SecretOnce({ message, secret, onClose }: { message: string; secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="panel" role="status">
      <p className="success">{message}</p>
      <p>{t('partners.webhookSecretOnce')}</p>
      <code>{secret}</code>
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>{t('common.close')}</button>
      </div>
    </div>
  );
}
