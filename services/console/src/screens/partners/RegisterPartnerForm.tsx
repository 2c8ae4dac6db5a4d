import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { FormField } from '../../components/FormField';
import { useLocalized } from '../../components/localized';
import { SecretOnce } from '../../components/SecretOnce';
import type { PartnerRole } from '../../gql/graphql';
import { PartnersQuery, RegisterPartnerMutation } from './partners.operations';

type Kind = 'RECIPIENT' | 'CONSIGNEE' | 'RECONSIGNEE';
const ROLES: PartnerRole[] = ['SELLER', 'CUSTOMS_BROKER', 'SERVICE_PROVIDER', 'SUPPORT'];

/** Registers a recipient, consignee or re-consignee; the API's field errors show at their fields. */
export function RegisterPartnerForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('CONSIGNEE');
  const [secret, setSecret] = useState<string | null>(null);
  const consignees = useQuery({
    queryKey: ['partners', { kind: 'CONSIGNEE', status: 'ACTIVE' }],
    queryFn: () => request(PartnersQuery, { filter: { kind: 'CONSIGNEE', status: 'ACTIVE' } }),
    enabled: kind === 'RECONSIGNEE',
  });
  const register = useMutation({
    mutationFn: (form: FormData) => {
      const text = (name: string) => String(form.get(name) ?? '').trim();
      const optional = (name: string) => text(name) || null;
      return request(RegisterPartnerMutation, {
        input: {
          code: text('code'),
          nameKo: text('nameKo'),
          nameEn: text('nameEn'),
          kind: kind === 'RECIPIENT' ? 'RECIPIENT' : 'CONSIGNEE',
          role: text('role') as PartnerRole,
          parentPartnerId: kind === 'RECONSIGNEE' ? optional('parentPartnerId') : null,
          consignedTaskKo: kind === 'RECIPIENT' ? null : optional('consignedTaskKo'),
          consignedTaskEn: kind === 'RECIPIENT' ? null : optional('consignedTaskEn'),
          country: text('country') || 'KR',
          privacyContact: { name: text('contactName'), email: text('contactEmail'), phone: optional('contactPhone') },
          webhookUrl: optional('webhookUrl'),
          clientIds: text('clientIds').split(/[\s,]+/).filter(Boolean),
        },
      });
    },
    onSuccess: async (data) => {
      setSecret(data.registerPartner.webhookSecret ?? null);
      await queryClient.invalidateQueries({ queryKey: ['partners'] });
      await queryClient.invalidateQueries({ queryKey: ['overview'] });
      if (!data.registerPartner.webhookSecret) onDone();
    },
  });
  const error = register.error;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    register.mutate(new FormData(event.currentTarget));
  };
  if (secret) {
    return <SecretOnce message={t('partners.registered')} secret={secret} onClose={onDone} />;
  }
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="register-title" noValidate>
      <h2 id="register-title">{t('partners.register')}</h2>
      <fieldset className="field">
        <legend>{t('partner.kind')}</legend>
        {(['RECIPIENT', 'CONSIGNEE', 'RECONSIGNEE'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} /> {t(`partnerKind.${value}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'RECONSIGNEE' && (
        <FormField label={t('partner.parent')} error={fieldError(error, 'parentPartnerId')}>
          {(props) => (
            <select name="parentPartnerId" {...props}>
              {(consignees.data?.partners ?? []).filter((partner) => !partner.parentId).map((partner) => (
                <option key={partner.id} value={partner.id}>{localized(partner)}</option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <FormField label={t('partner.code')} hint={t('partners.codeHint')} error={fieldError(error, 'code')}>
        {(props) => <input name="code" autoComplete="off" {...props} />}
      </FormField>
      <FormField label={t('partner.nameKo')} error={fieldError(error, 'nameKo')}>
        {(props) => <input name="nameKo" {...props} />}
      </FormField>
      <FormField label={t('partner.nameEn')} error={fieldError(error, 'nameEn')}>
        {(props) => <input name="nameEn" {...props} />}
      </FormField>
      <FormField label={t('partner.role')} error={fieldError(error, 'role')}>
        {(props) => (
          <select name="role" defaultValue="SUPPORT" {...props}>
            {ROLES.map((role) => (
              <option key={role} value={role}>{t(`partnerRole.${role}`)}</option>
            ))}
          </select>
        )}
      </FormField>
      {kind !== 'RECIPIENT' && (
        <>
          <FormField label={t('partner.consignedTaskKo')} error={fieldError(error, 'consignedTaskKo')}>
            {(props) => <input name="consignedTaskKo" {...props} />}
          </FormField>
          <FormField label={t('partner.consignedTaskEn')} error={fieldError(error, 'consignedTaskEn')}>
            {(props) => <input name="consignedTaskEn" {...props} />}
          </FormField>
        </>
      )}
      <FormField label={t('partner.country')} error={fieldError(error, 'country')}>
        {(props) => <input name="country" defaultValue="KR" maxLength={2} {...props} />}
      </FormField>
      <FormField label={t('partner.contactName')} error={fieldError(error, 'privacyContact.name')}>
        {(props) => <input name="contactName" {...props} />}
      </FormField>
      <FormField label={t('partner.contactEmail')} error={fieldError(error, 'privacyContact.email')}>
        {(props) => <input name="contactEmail" type="email" {...props} />}
      </FormField>
      <FormField label={t('partner.contactPhone')} error={fieldError(error, 'privacyContact.phone')}>
        {(props) => <input name="contactPhone" type="tel" {...props} />}
      </FormField>
      <FormField label={t('partner.webhookUrl')} error={fieldError(error, 'webhookUrl')}>
        {(props) => <input name="webhookUrl" type="url" {...props} />}
      </FormField>
      <FormField label={t('partner.clientIds')} hint={t('partners.clientIdsHint')} error={fieldError(error, 'clientIds') ?? fieldError(error, 'clientIds[0]')}>
        {(props) => <input name="clientIds" {...props} />}
      </FormField>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={register.isPending}>{t('partners.submitRegistration')}</button>
        <button type="button" className="button" onClick={onDone}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
