import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { request } from '../../app/api';
import { QueryState } from '../../components/QueryState';
import { ActivityChart } from './ActivityChart';
import { HarvestAlerts } from './HarvestAlerts';
import { ConsoleOverviewQuery } from './overview.operations';

const DAYS = 30;

/** The Seoul calendar day `days` days before now (the harvest alerts' `from`). */
function seoulDayBefore(days: number): string {
  return new Date(Date.now() + 9 * 3600_000 - days * 24 * 3600_000).toISOString().slice(0, 10);
}

/** What needs the privacy officer's attention today. */
export function OverviewScreen() {
  const { t } = useTranslation();
  const overview = useQuery({ queryKey: ['overview'], queryFn: () => request(ConsoleOverviewQuery, { days: DAYS, since: seoulDayBefore(DAYS) }) });
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <QueryState query={overview}>
        {({ consoleOverview: data, harvestAlerts }) => (
          <>
            <div className="cards">
              <Link className="card" to="/notices?status=DEAD">
                <span className="card__value">{data.deadNotices}</span> {t('overview.deadNotices', { count: data.deadNotices })}
              </Link>
              <Link className="card" to="/notices">
                <span className="card__value">{data.overdueDestructions}</span> {t('overview.overdue', { count: data.overdueDestructions })}
              </Link>
              <Link className="card" to="/reviews">
                <span className="card__value">{data.reviewsAwaitingSignOff}</span> {t('overview.unsigned', { count: data.reviewsAwaitingSignOff })}
              </Link>
              <a className="card" href="#harvest-alerts">
                <span className="card__value">{data.harvestAlerts}</span> {t('overview.harvest', { count: data.harvestAlerts, days: data.days })}
              </a>
            </div>
            <table>
              <caption>{t('overview.partners')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partner.kind')}</th>
                  <th scope="col">{t('partner.status')}</th>
                  <th scope="col" className="number">{t('overview.count')}</th>
                </tr>
              </thead>
              <tbody>
                {data.partners.map((row) => (
                  <tr key={`${row.kind}-${row.status}`}>
                    <td>{t(`partnerKind.${row.kind}`)}</td>
                    <td>{t(`partnerStatus.${row.status}`)}</td>
                    <td className="number">{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ActivityChart activity={data.activity} days={data.days} />
            <div id="harvest-alerts">
              <HarvestAlerts alerts={harvestAlerts} days={data.days} />
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
