import { useTranslation } from 'react-i18next';

interface Activity {
  partnerCode: string;
  day: string;
  releases: number;
  denials: number;
}

const WIDTH = 720;
const ROW = 28;

/**
 * Releases and denials per partner over the period as horizontal bars (SVG, no chart library: the
 * one chart of the console is not worth 100 kB), with the same figures in a table for screen
 * readers and print.
 */
export function ActivityChart({ activity, days }: { activity: Activity[]; days: number }) {
  const { t } = useTranslation();
  const totals = [...activity.reduce((map, row) => {
    const entry = map.get(row.partnerCode) ?? { partnerCode: row.partnerCode, releases: 0, denials: 0 };
    entry.releases += row.releases;
    entry.denials += row.denials;
    return map.set(row.partnerCode, entry);
  }, new Map<string, { partnerCode: string; releases: number; denials: number }>()).values()];
  const max = Math.max(1, ...totals.map((row) => row.releases + row.denials));
  // Room for the longest partner code at 13 px (about 7.5 px a character), so no label runs into its bar.
  const label = 16 + 7.5 * Math.max(0, ...totals.map((row) => row.partnerCode.length));
  const scale = (value: number) => ((WIDTH - label - 80) * value) / max;
  if (totals.length === 0) return <p className="muted">{t('overview.noActivity', { days })}</p>;
  return (
    <figure className="panel">
      <figcaption>{t('overview.activityTitle', { days })}</figcaption>
      <svg role="img" aria-label={t('overview.activityTitle', { days })} viewBox={`0 0 ${WIDTH} ${totals.length * ROW + 10}`} width="100%">
        {totals.map((row, index) => (
          <g key={row.partnerCode} transform={`translate(0 ${index * ROW + 5})`}>
            <text x={0} y={17} fontSize={13} fill="#1d2330">{row.partnerCode}</text>
            <rect x={label} y={4} height={18} width={scale(row.releases)} fill="#1f4fd1" />
            <rect x={label + scale(row.releases)} y={4} height={18} width={scale(row.denials)} fill="#c2410c" />
            <text x={label + scale(row.releases + row.denials) + 6} y={17} fontSize={12} fill="#4a5263">
              {row.releases} / {row.denials}
            </text>
          </g>
        ))}
      </svg>
      <p className="legend">
        <span className="swatch swatch--release" /> {t('overview.releases')} <span className="swatch swatch--denial" /> {t('overview.denials')}
      </p>
      <table>
        <caption>{t('overview.activityTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partner.code')}</th>
            <th scope="col" className="number">{t('overview.releases')}</th>
            <th scope="col" className="number">{t('overview.denials')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((row) => (
            <tr key={row.partnerCode}>
              <th scope="row">{row.partnerCode}</th>
              <td className="number">{row.releases}</td>
              <td className="number">{row.denials}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
