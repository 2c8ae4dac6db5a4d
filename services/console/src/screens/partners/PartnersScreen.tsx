import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { request } from '../../app/api';
import { useLocalized } from '../../components/localized';
import { QueryState } from '../../components/QueryState';
import type { PartnerKind, PartnerStatus } from '../../gql/graphql';
import { PartnersQuery } from './partners.operations';
import { RegisterPartnerForm } from './RegisterPartnerForm';

const KINDS: PartnerKind[] = ['RECIPIENT', 'CONSIGNEE'];
const STATUSES: PartnerStatus[] = ['ACTIVE', 'SUSPENDED', 'TERMINATED'];

/** Recipients, consignees and re-consignees, filtered by kind and status; registration. */
export function PartnersScreen() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [kind, setKind] = useState<PartnerKind | ''>('');
  const [status, setStatus] = useState<PartnerStatus | ''>('');
  const [registering, setRegistering] = useState(false);
  const filter = { kind: kind || null, status: status || null };
  const partners = useQuery({ queryKey: ['partners', filter], queryFn: () => request(PartnersQuery, { filter }) });
  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{t('partners.title')}</h1>
      <div className="row no-print">
        <div className="field">
          <label htmlFor="filter-kind">{t('partner.kind')}</label>
          <select id="filter-kind" value={kind} onChange={(event) => setKind(event.target.value as PartnerKind | '')}>
            <option value="">{t('common.all')}</option>
            {KINDS.map((value) => (
              <option key={value} value={value}>{t(`partnerKind.${value}`)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t('partner.status')}</label>
          <select id="filter-status" value={status} onChange={(event) => setStatus(event.target.value as PartnerStatus | '')}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>{t(`partnerStatus.${value}`)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <button type="button" className="button button--primary" aria-expanded={registering} onClick={() => setRegistering(!registering)}>
            {t('partners.register')}
          </button>
        </div>
      </div>
      {registering && <RegisterPartnerForm onDone={() => setRegistering(false)} />}
      <QueryState query={partners}>
        {(data) => (
          <table>
            <caption>{t('partners.count', { count: data.partners.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partner.name')}</th>
                <th scope="col">{t('partner.code')}</th>
                <th scope="col">{t('partner.kind')}</th>
                <th scope="col">{t('partner.status')}</th>
                <th scope="col">{t('partner.agreement')}</th>
              </tr>
            </thead>
            <tbody>
              {data.partners.map((partner) => (
                <tr key={partner.id}>
                  <td>
                    <Link to={`/partners/${partner.id}`}>{localized(partner)}</Link>
                  </td>
                  <td>{partner.code}</td>
                  <td>{t(partner.parentId ? 'partnerKind.RECONSIGNEE' : `partnerKind.${partner.kind}`)}</td>
                  <td>{t(`partnerStatus.${partner.status}`)}</td>
                  <td>
                    {partner.currentAgreement
                      ? t('partners.version', { version: partner.currentAgreement.version, retention: localized({ nameKo: partner.currentAgreement.retentionKo, nameEn: partner.currentAgreement.retentionEn }) })
                      : t('partners.noAgreement')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
