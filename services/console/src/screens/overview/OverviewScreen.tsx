import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { QueryState } from '../../components/QueryState';
import { useLocalized } from '../../components/localized';
import { PartnersOverviewQuery } from './overview.operations';

/** What needs the privacy officer's attention today. */
export function OverviewScreen() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const partners = useQuery({ queryKey: ['overview', 'partners'], queryFn: () => request(PartnersOverviewQuery) });
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <QueryState query={partners}>
        {(data) => (
          <table>
            <caption>{t('overview.partners')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partner.name')}</th>
                <th scope="col">{t('partner.kind')}</th>
                <th scope="col">{t('partner.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.partners.map((partner) => (
                <tr key={partner.id}>
                  <td>{localized(partner)}</td>
                  <td>{t(`partnerKind.${partner.kind}`)}</td>
                  <td>{t(`partnerStatus.${partner.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
