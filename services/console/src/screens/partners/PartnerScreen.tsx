import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { request } from '../../app/api';
import { useCatalogLabels } from '../../components/catalogLabels';
import { useLocalized } from '../../components/localized';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../components/time';
import { ClientsTable } from './ClientsTable';
import { EditPartnerForm } from './EditPartnerForm';
import { PartnerQuery } from './partners.operations';
import { RotateSecretDialog } from './RotateSecretDialog';
import { type StatusAction, StatusChangeDialog } from './StatusChangeDialog';

/**
 * One partner: contact and webhook (editable, secret rotation), clients and their scopes (add,
 * change, revoke), status history, agreement versions (with who published and approved), status actions.
 */
export function PartnerScreen() {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const labels = useCatalogLabels();
  const { partnerId = '' } = useParams();
  const [action, setAction] = useState<StatusAction | null>(null);
  const [editing, setEditing] = useState(false);
  const [rotating, setRotating] = useState(false);
  const partner = useQuery({ queryKey: ['partner', partnerId], queryFn: () => request(PartnerQuery, { id: partnerId }) });
  return (
    <QueryState query={partner}>
      {({ partner: data }) =>
        !data ? (
          <p role="alert">{t('partners.notFound')}</p>
        ) : (
          <section aria-labelledby="partner-title">
            <h1 id="partner-title">{localized(data)}</h1>
            <p>
              {t(`partnerKind.${data.kind}`)} · {t(`partnerRole.${data.role}`)} · {data.code} · {t('partner.status')}: <strong>{t(`partnerStatus.${data.status}`)}</strong>
            </p>
            <div className="actions no-print">
              {data.status === 'ACTIVE' && <button type="button" className="button" onClick={() => setAction('suspend')}>{t('partnerActions.suspend')}</button>}
              {data.status === 'SUSPENDED' && <button type="button" className="button" onClick={() => setAction('resume')}>{t('partnerActions.resume')}</button>}
              {data.status !== 'TERMINATED' && <button type="button" className="button button--danger" onClick={() => setAction('terminate')}>{t('partnerActions.terminate')}</button>}
              {data.status !== 'TERMINATED' && <Link className="button" to={`/agreements?partner=${data.id}`}>{t('agreements.draftFor')}</Link>}
            </div>
            {action && <StatusChangeDialog partnerId={data.id} action={action} onClose={() => setAction(null)} />}
            {editing ? (
              <EditPartnerForm partner={data} onDone={() => setEditing(false)} />
            ) : (
              <div className="actions no-print">
                <button type="button" className="button" onClick={() => setEditing(true)}>{t('partners.edit')}</button>
                {data.webhookUrl && <button type="button" className="button" onClick={() => setRotating(true)}>{t('partners.rotateTitle')}</button>}
              </div>
            )}
            {rotating && data.webhookUrl && <RotateSecretDialog partnerId={data.id} webhookUrl={data.webhookUrl} onClose={() => setRotating(false)} />}
            <dl className="panel">
              <dt>{t('partner.contactName')}</dt>
              <dd>{[data.privacyContact.name, data.privacyContact.email, data.privacyContact.phone].filter(Boolean).join(' · ')}</dd>
              {data.consignedTaskKo && (
                <>
                  <dt>{t('partner.consignedTask')}</dt>
                  <dd>{i18n.language === 'en' ? data.consignedTaskEn : data.consignedTaskKo}</dd>
                </>
              )}
              <dt>{t('partner.webhookUrl')}</dt>
              <dd>{data.webhookUrl ?? t('partners.noWebhook')}</dd>
            </dl>
            <ClientsTable
              partnerId={data.id}
              clients={data.clients}
              grantedItems={[...new Set(data.agreements.flatMap((agreement) => agreement.grants.map((grant) => grant.item)))].sort()}
              editable={data.status !== 'TERMINATED'}
            />
            <table>
              <caption>{t('partners.agreements')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreements.version')}</th>
                  <th scope="col">{t('agreements.effectiveFrom')}</th>
                  <th scope="col">{t('agreements.retention')}</th>
                  <th scope="col">{t('agreements.grants')}</th>
                  <th scope="col">{t('agreements.publishedBy')}</th>
                  <th scope="col">{t('agreements.approvedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {data.agreements.map((agreement) => (
                  <tr key={agreement.version}>
                    <td>{agreement.version}</td>
                    <td>{formatTime(agreement.effectiveFrom, i18n.language)}</td>
                    <td>{localized({ nameKo: agreement.retentionKo, nameEn: agreement.retentionEn })}</td>
                    <td>{agreement.grants.map(labels.grant).join(', ')}</td>
                    <td>{agreement.publishedByPerson?.name ?? t('common.system')}</td>
                    <td>{agreement.approvedByPerson?.name ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>{t('partners.statusHistory')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partner.status')}</th>
                  <th scope="col">{t('partnerActions.effectiveAt')}</th>
                  <th scope="col">{t('partnerActions.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {data.statusHistory.map((change) => (
                  <tr key={`${change.status}-${change.recordedAt}`}>
                    <td>{t(`partnerStatus.${change.status}`)}</td>
                    <td>{formatTime(change.effectiveAt, i18n.language)}</td>
                    <td>{change.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )
      }
    </QueryState>
  );
}
