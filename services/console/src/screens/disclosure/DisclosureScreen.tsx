import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { QueryState } from '../../components/QueryState';
import { DisclosureDatesQuery } from './disclosure.operations';

interface Label {
  en: string;
  ko: string;
}
interface DisclosedPartner {
  code: string;
  name: Label;
  country: string;
  items: Label[];
  purposes: Label[];
  retention: { label: Label };
  consignedTask?: Label | null;
  reconsignees?: DisclosedPartner[];
}
interface DisclosureTables {
  recipients: DisclosedPartner[];
  consignees: DisclosedPartner[];
}

const seoulDay = (iso: string) => new Date(new Date(iso).getTime() + 9 * 3600_000).toISOString().slice(0, 10);

/** The public disclosure tables (GET /disclosure, no token) as of a chosen date, and the dates they changed. */
export function DisclosureScreen() {
  const { t, i18n } = useTranslation();
  const [asOf, setAsOf] = useState(seoulDay(new Date().toISOString()));
  const label = (value: Label) => (i18n.language === 'en' ? value.en : value.ko);
  const dates = useQuery({ queryKey: ['disclosure-dates'], queryFn: () => request(DisclosureDatesQuery) });
  const tables = useQuery({
    queryKey: ['disclosure', asOf],
    queryFn: async (): Promise<DisclosureTables> => {
      const response = await fetch(`/disclosure?format=json&asOf=${encodeURIComponent(asOf)}`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as DisclosureTables;
    },
  });
  const table = (caption: string, rows: DisclosedPartner[], consignees: boolean) => (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('partner.name')}</th>
          <th scope="col">{consignees ? t('partner.consignedTask') : t('subjects.purposes')}</th>
          <th scope="col">{t('subjects.items')}</th>
          <th scope="col">{t('agreements.retention')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((row) => [row, ...(row.reconsignees ?? [])]).map((row) => (
          <tr key={row.code}>
            <td>{label(row.name)} {row.country !== 'KR' ? `(${row.country})` : ''}</td>
            <td>{consignees && row.consignedTask ? label(row.consignedTask) : row.purposes.map(label).join(', ')}</td>
            <td>{row.items.map(label).join(', ')}</td>
            <td>{label(row.retention.label)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section aria-labelledby="disclosure-title">
      <h1 id="disclosure-title">{t('disclosure.title')}</h1>
      <div className="row no-print">
        <div className="field">
          <label htmlFor="disclosure-as-of">{t('disclosure.asOf')}</label>
          <input id="disclosure-as-of" type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
        </div>
        <QueryState query={dates}>
          {(data) => {
            const changes = [...new Set(data.partners.flatMap((partner) => [
              ...partner.statusHistory.map((change) => seoulDay(change.effectiveAt)),
              ...partner.agreements.map((agreement) => seoulDay(agreement.effectiveFrom)),
            ]))].sort().reverse();
            return (
              <div className="field">
                <label htmlFor="disclosure-changes">{t('disclosure.changes', { count: changes.length })}</label>
                <select id="disclosure-changes" value="" onChange={(event) => event.target.value && setAsOf(event.target.value)}>
                  <option value="">{t('common.choose')}</option>
                  {changes.map((day) => <option key={day} value={day}>{day}</option>)}
                </select>
              </div>
            );
          }}
        </QueryState>
      </div>
      <QueryState query={tables}>
        {(data) => (
          <>
            {table(t('disclosure.recipients'), data.recipients, false)}
            {table(t('disclosure.consignees'), data.consignees, true)}
          </>
        )}
      </QueryState>
    </section>
  );
}
