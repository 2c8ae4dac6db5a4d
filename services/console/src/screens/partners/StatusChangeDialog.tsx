import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { FormField } from '../../components/FormField';
import { useFormMutation } from '../../components/formMutation';
import { ResumePartnerMutation, SuspendPartnerMutation, TerminatePartnerMutation, TerminationPreviewQuery } from './partners.operations';

export type StatusAction = 'suspend' | 'resume' | 'terminate';

/**
 * Suspend, resume or terminate, with a reason and an effective time, after a confirmation that
 * states the consequence from live data (termination: the subjects and orders held, the notice).
 */
export function StatusChangeDialog({ partnerId, action, onClose }: { partnerId: string; action: StatusAction; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  const preview = useQuery({
    queryKey: ['termination-preview', partnerId],
    queryFn: () => request(TerminationPreviewQuery, { partnerId }),
    enabled: action === 'terminate',
  });
  const { mutation: change, submit } = useFormMutation(async (form: FormData): Promise<unknown> => {
    const effective = String(form.get('effectiveAt') ?? '');
    const input = { partnerId, reason: String(form.get('reason') ?? '').trim(), effectiveAt: effective ? new Date(effective).toISOString() : null };
    if (action === 'suspend') return request(SuspendPartnerMutation, { input });
    if (action === 'resume') return request(ResumePartnerMutation, { input });
    return request(TerminatePartnerMutation, { input });
  }, onClose);
  const consequence = preview.data?.terminationPreview;
  return (
    <dialog ref={dialog} aria-labelledby="status-dialog-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="status-dialog-title">{t(`partnerActions.${action}Title`)}</h2>
        <p>{t(`partnerActions.${action}Consequence`)}</p>
        {action === 'terminate' && consequence && (
          <div className="notice" role="status">
            <p>{t('partnerActions.held', { subjects: consequence.subjectsHeld, orders: consequence.ordersHeld })}</p>
            <p>{consequence.webhookConfigured ? t('partnerActions.noticeSent') : t('partnerActions.noticeUndeliverable')}</p>
            {consequence.reconsigneeCodes.length > 0 && (
              <p>{t('partnerActions.reconsignees', { codes: consequence.reconsigneeCodes.join(', '), count: consequence.reconsigneeCodes.length })}</p>
            )}
            <p>{t('partnerActions.disclosureRemoval')}</p>
          </div>
        )}
        <FormField label={t('partnerActions.reason')} error={fieldError(change.error, 'reason')}>
          {(props) => <input name="reason" required {...props} />}
        </FormField>
        <FormField label={t('partnerActions.effectiveAt')} hint={t('partnerActions.effectiveAtHint')} error={fieldError(change.error, 'effectiveAt')}>
          {(props) => <input name="effectiveAt" type="datetime-local" {...props} />}
        </FormField>
        <ErrorMessage error={change.error} />
        <div className="actions">
          <button type="submit" className={`button ${action === 'resume' ? 'button--primary' : 'button--danger'}`} disabled={change.isPending}>
            {t(`partnerActions.${action}Confirm`)}
          </button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </dialog>
  );
}
