import { useTranslation } from 'react-i18next';
import type { HarvestAlertKind } from '../../gql/graphql';

interface Alert {
  id: string;
  partnerCode: string;
  day: string;
  kind: HarvestAlertKind;
  observed: number;
  baseline: number;
}

/** The harvest alerts of the period, newest first: what jumped, and against which baseline of the partner's own. */
export function HarvestAlerts({ alerts, days }: { alerts: Alert[]; days: number }) {
  const { t, i18n } = useTranslation();
  const format = (kind: HarvestAlertKind, value: number) =>
    new Intl.NumberFormat(i18n.language, kind === 'DENIAL_RATE' ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 1 }).format(value);
  if (alerts.length === 0) return <p className="muted">{t('overview.noAlerts', { days })}</p>;
  return (
    <table>
      <caption>{t('overview.alertsTitle', { days })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('overview.alertDay')}</th>
          <th scope="col">{t('partner.code')}</th>
          <th scope="col">{t('overview.alertKind')}</th>
          <th scope="col" className="number">{t('overview.alertObserved')}</th>
          <th scope="col" className="number">{t('overview.alertBaseline')}</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alert.id}>
            <td>{alert.day}</td>
            <td>{alert.partnerCode}</td>
            <td>{t(`harvestKind.${alert.kind}`)}</td>
            <td className="number">{format(alert.kind, alert.observed)}</td>
            <td className="number">{format(alert.kind, alert.baseline)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
