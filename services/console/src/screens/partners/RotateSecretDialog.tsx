import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SecretOnce } from '../../components/SecretOnce';
import { RotateWebhookSecretMutation } from './partners.operations';

/** Rotates a partner's webhook signing secret after a confirmation of what it does, then shows the new secret once. */
export function RotateSecretDialog({ partnerId, webhookUrl, onClose }: { partnerId: string; webhookUrl: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const rotate = useMutation({
    mutationFn: () => request(RotateWebhookSecretMutation, { partnerId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['partner', partnerId] }),
  });
  const secret = rotate.data?.rotateWebhookSecret.webhookSecret;
  return (
    <Dialog title={t('partners.rotateTitle')} onClose={onClose}>
      {secret ? (
        <SecretOnce message={t('partners.rotated')} secret={secret} onClose={onClose} />
      ) : (
        <>
          <p className="notice">{t('partners.rotateConsequence', { url: webhookUrl })}</p>
          <ErrorMessage error={rotate.error} />
          <div className="actions">
            <button type="button" className="button button--danger" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
              {t('partners.rotateConfirm')}
            </button>
            <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          </div>
        </>
      )}
    </Dialog>
  );
}
