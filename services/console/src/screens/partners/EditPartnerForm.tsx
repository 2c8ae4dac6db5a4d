import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { FormField } from '../../components/FormField';
import { useFormMutation } from '../../components/formMutation';
import { SecretOnce } from '../../components/SecretOnce';
import { UpdatePartnerMutation } from './partners.operations';

export interface EditablePartner {
  id: string;
  nameKo: string;
  nameEn: string;
  privacyContact: { name: string; email: string; phone?: string | null };
  webhookUrl?: string | null;
}

/**
 * Edits a partner's names, privacy contact and webhook URL; the API's field errors show at their
 * fields. A first webhook URL comes back with its signing secret, shown here once.
 */
export function EditPartnerForm({ partner, onDone }: { partner: EditablePartner; onDone: () => void }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<string | null>(null);
  const { mutation: update, submit } = useFormMutation(
    (form: FormData) => {
      const text = (name: string) => String(form.get(name) ?? '').trim();
      return request(UpdatePartnerMutation, {
        input: {
          partnerId: partner.id,
          nameKo: text('nameKo'),
          nameEn: text('nameEn'),
          privacyContact: { name: text('contactName'), email: text('contactEmail'), phone: text('contactPhone') || null },
          webhookUrl: text('webhookUrl') || null,
        },
      });
    },
    (data) => (data.updatePartner.webhookSecret ? setSecret(data.updatePartner.webhookSecret) : onDone()),
  );
  const error = update.error;
  if (secret) return <SecretOnce message={t('partners.saved')} secret={secret} onClose={onDone} />;
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="edit-partner-title" noValidate>
      <h2 id="edit-partner-title">{t('partners.editTitle')}</h2>
      <FormField label={t('partner.nameKo')} error={fieldError(error, 'nameKo')}>
        {(props) => <input name="nameKo" defaultValue={partner.nameKo} {...props} />}
      </FormField>
      <FormField label={t('partner.nameEn')} error={fieldError(error, 'nameEn')}>
        {(props) => <input name="nameEn" defaultValue={partner.nameEn} {...props} />}
      </FormField>
      <FormField label={t('partner.contactName')} error={fieldError(error, 'privacyContact.name')}>
        {(props) => <input name="contactName" defaultValue={partner.privacyContact.name} {...props} />}
      </FormField>
      <FormField label={t('partner.contactEmail')} error={fieldError(error, 'privacyContact.email')}>
        {(props) => <input name="contactEmail" type="email" defaultValue={partner.privacyContact.email} {...props} />}
      </FormField>
      <FormField label={t('partner.contactPhone')} error={fieldError(error, 'privacyContact.phone')}>
        {(props) => <input name="contactPhone" type="tel" defaultValue={partner.privacyContact.phone ?? ''} {...props} />}
      </FormField>
      <FormField label={t('partner.webhookUrl')} hint={t('partners.webhookHint')} error={fieldError(error, 'webhookUrl')}>
        {(props) => <input name="webhookUrl" type="url" defaultValue={partner.webhookUrl ?? ''} {...props} />}
      </FormField>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>{t('partners.save')}</button>
        <button type="button" className="button" onClick={onDone}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
