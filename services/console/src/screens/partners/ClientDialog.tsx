import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { useCatalogLabels } from '../../components/catalogLabels';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, fieldError, listFieldError } from '../../components/ErrorMessage';
import { FormField } from '../../components/FormField';
import { useFormMutation } from '../../components/formMutation';
import { AddClientMutation, ChangeClientScopesMutation, RevokeClientMutation } from './partners.operations';

export interface PartnerClient {
  clientId: string;
  scopes: string[];
}

/** Adding a client to the partner, changing a client's scopes, or revoking it. */
export type ClientAction = { kind: 'add' } | { kind: 'scopes'; client: PartnerClient } | { kind: 'revoke'; client: PartnerClient };

/**
 * One client change of a partner, through the admin API: add (client id and scopes), change scopes
 * (with a reason) or revoke (with a reason, after its consequence). The scopes offered are
 * `partner:read` and the items some agreement version of the partner grants, as the API allows.
 */
export function ClientDialog({
  partnerId,
  grantedItems,
  action,
  onClose,
}: {
  partnerId: string;
  grantedItems: string[];
  action: ClientAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCatalogLabels();
  const scopesId = useId();
  const { mutation: change, submit } = useFormMutation(async (form: FormData): Promise<unknown> => {
    const scopes = form.getAll('scopes').map(String);
    const reason = String(form.get('reason') ?? '').trim();
    if (action.kind === 'add') {
      return request(AddClientMutation, { input: { clientId: String(form.get('clientId') ?? '').trim(), kind: 'PARTNER', partnerId, scopes } });
    }
    if (action.kind === 'scopes') return request(ChangeClientScopesMutation, { input: { clientId: action.client.clientId, scopes, reason } });
    return request(RevokeClientMutation, { input: { clientId: action.client.clientId, reason } });
  }, onClose);
  const current = action.kind === 'add' ? ['partner:read'] : action.client.scopes;
  const offered = [...new Set(['partner:read', ...grantedItems.map((item) => `pii:${item}`), ...current])];
  // What a scope lets the client do, in the officer's words; the scope itself beside it.
  const scopeLabel = (scope: string) =>
    scope === 'partner:read' ? t('clients.readScope') : scope.startsWith('pii:') ? labels.item(scope.slice('pii:'.length)) : scope;
  const scopesError = listFieldError(change.error, 'scopes');
  const title = action.kind === 'add' ? t('clients.addTitle') : t(`clients.${action.kind}Title`, { clientId: action.client.clientId });
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {action.kind === 'add' && (
          <FormField label={t('clients.clientId')} hint={t('partners.codeHint')} error={fieldError(change.error, 'clientId')}>
            {(props) => <input name="clientId" autoComplete="off" {...props} />}
          </FormField>
        )}
        {action.kind === 'revoke' ? (
          <p className="notice">{t('clients.revokeConsequence', { scopes: action.client.scopes.join(' ') })}</p>
        ) : (
          <fieldset className="field" aria-describedby={`${scopesId}-hint${scopesError ? ` ${scopesId}-error` : ''}`}>
            <legend>{t('clients.scopes')}</legend>
            {offered.map((scope) => (
              <label key={scope}>
                <input type="checkbox" name="scopes" value={scope} defaultChecked={current.includes(scope)} /> {scopeLabel(scope)}{' '}
                <code className="muted">{scope}</code>
              </label>
            ))}
            <span id={`${scopesId}-hint`} className="muted">{t('clients.scopesHint')}</span>
            {scopesError && <span id={`${scopesId}-error`} className="field-error">{scopesError}</span>}
          </fieldset>
        )}
        {action.kind !== 'add' && (
          <FormField label={t('partnerActions.reason')} error={fieldError(change.error, 'reason')}>
            {(props) => <input name="reason" required {...props} />}
          </FormField>
        )}
        <ErrorMessage error={change.error} />
        <div className="actions">
          <button type="submit" className={`button ${action.kind === 'revoke' ? 'button--danger' : 'button--primary'}`} disabled={change.isPending}>
            {t(`clients.${action.kind}Confirm`)}
          </button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
