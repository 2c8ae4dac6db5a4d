import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../components/time';
import { type ClientAction, ClientDialog, type PartnerClient } from './ClientDialog';

/** The partner's clients with their scopes, revoked ones included; changes while the partnership lasts. */
export function ClientsTable({
  partnerId,
  clients,
  grantedItems,
  editable,
}: {
  partnerId: string;
  clients: (PartnerClient & { addedAt: string; revokedAt?: string | null })[];
  grantedItems: string[];
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState<ClientAction | null>(null);
  return (
    <>
      <table>
        <caption>{t('clients.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clients.clientId')}</th>
            <th scope="col">{t('clients.scopes')}</th>
            <th scope="col">{t('clients.addedAt')}</th>
            <th scope="col">{t('partner.status')}</th>
            {editable && <th scope="col" className="no-print">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <tr key={client.clientId}>
              <td>{client.clientId}</td>
              <td>{client.scopes.join(' ')}</td>
              <td>{formatTime(client.addedAt, i18n.language)}</td>
              <td>{client.revokedAt ? t('clients.revokedAt', { at: formatTime(client.revokedAt, i18n.language) }) : t('clients.active')}</td>
              {editable && (
                <td className="no-print">
                  {!client.revokedAt && (
                    <div className="actions">
                      <button type="button" className="button" aria-label={t('clients.scopesTitle', { clientId: client.clientId })} onClick={() => setAction({ kind: 'scopes', client })}>
                        {t('clients.scopes')}
                      </button>
                      <button type="button" className="button" aria-label={t('clients.revokeTitle', { clientId: client.clientId })} onClick={() => setAction({ kind: 'revoke', client })}>
                        {t('clients.revoke')}
                      </button>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <div className="actions no-print">
          <button type="button" className="button" onClick={() => setAction({ kind: 'add' })}>{t('clients.addTitle')}</button>
        </div>
      )}
      {action && <ClientDialog partnerId={partnerId} grantedItems={grantedItems} action={action} onClose={() => setAction(null)} />}
    </>
  );
}
