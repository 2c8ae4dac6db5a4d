import { useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { request } from '../../app/api';
import { useLocalized } from '../../components/localized';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../components/time';
import { SubjectReportQuery } from './subjects.operations';

/** "Who received my data" for one subject, printable as the answer to an access request (PIPA Art. 35). */
export function SubjectsScreen() {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const [params, setParams] = useSearchParams();
  const shopSubjectId = params.get('id') ?? '';
  const report = useQuery({
    queryKey: ['subject-report', shopSubjectId],
    queryFn: () => request(SubjectReportQuery, { shopSubjectId }),
    enabled: shopSubjectId !== '',
  });
  const label = (entry: { labelEn: string; labelKo: string }) => (i18n.language === 'en' ? entry.labelEn : entry.labelKo);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams({ id: String(new FormData(event.currentTarget).get('shopSubjectId') ?? '').trim() });
  };
  return (
    <section aria-labelledby="subjects-title">
      <h1 id="subjects-title">{t('subjects.title')}</h1>
      <form className="row no-print" onSubmit={submit} role="search">
        <div className="field">
          <label htmlFor="subject-id">{t('subjects.shopSubjectId')}</label>
          <input id="subject-id" name="shopSubjectId" defaultValue={shopSubjectId} required />
        </div>
        <div className="field">
          <button type="submit" className="button button--primary">{t('subjects.lookUp')}</button>
        </div>
      </form>
      {shopSubjectId !== '' && (
        <QueryState query={report}>
          {({ provisionReport: data }) =>
            !data ? (
              <p role="alert">{t('subjects.notFound')}</p>
            ) : (
              <article aria-labelledby="subject-report-title">
                <h2 id="subject-report-title">{t('subjects.reportTitle', { id: data.shopSubjectId })}</h2>
                <p className="muted">{t('subjects.generated', { at: formatTime(data.generatedAt, i18n.language), count: data.partners.length })}</p>
                <div className="actions no-print">
                  <button type="button" className="button" onClick={() => window.print()}>{t('subjects.print')}</button>
                </div>
                <table>
                  <caption>{t('subjects.recipients')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('partner.name')}</th>
                      <th scope="col">{t('subjects.items')}</th>
                      <th scope="col">{t('subjects.purposes')}</th>
                      <th scope="col">{t('subjects.period')}</th>
                      <th scope="col">{t('subjects.window')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.partners.map((partner) => (
                      <tr key={partner.code}>
                        <td>
                          {localized(partner)}
                          <br />
                          <span className="muted">{t(`partnerKind.${partner.kind}`)} · {partner.country} · {t(`partnerStatus.${partner.status}`)}</span>
                        </td>
                        <td>{partner.items.map(label).join(', ')}</td>
                        <td>{partner.purposes.map(label).join(', ')}</td>
                        <td>
                          {formatTime(partner.firstProvidedAt, i18n.language)} – {formatTime(partner.lastProvidedAt, i18n.language)}
                        </td>
                        <td>
                          {partner.windowOpen
                            ? t('subjects.windowOpen', { until: formatTime(partner.windowClosesAt, i18n.language) })
                            : t('subjects.windowClosed')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </article>
            )
          }
        </QueryState>
      )}
    </section>
  );
}
