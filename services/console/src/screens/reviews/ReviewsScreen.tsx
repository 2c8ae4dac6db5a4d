import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { request } from '../../app/api';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { FormField } from '../../components/FormField';
import { useLocalized } from '../../components/localized';
import { QueryState } from '../../components/QueryState';
import { GenerateReviewMutation, ReviewReportsQuery } from './reviews.operations';

/** Last month on the Seoul calendar: the month a review is usually for. */
export function lastSeoulMonth(now = new Date()): string {
  const seoul = new Date(now.getTime() + 9 * 3600_000);
  const month = new Date(Date.UTC(seoul.getUTCFullYear(), seoul.getUTCMonth() - 1, 1));
  return month.toISOString().slice(0, 7);
}

/** The month's review reports per partner, which are signed off, and generating one. */
export function ReviewsScreen() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(lastSeoulMonth());
  const reports = useQuery({ queryKey: ['reviews', month], queryFn: () => request(ReviewReportsQuery, { month }) });
  const generate = useMutation({
    mutationFn: (partnerCode: string) => request(GenerateReviewMutation, { partnerCode, month }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    generate.mutate(String(new FormData(event.currentTarget).get('partnerCode')));
  };
  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">{t('reviews.title')}</h1>
      <div className="field no-print">
        <label htmlFor="review-month">{t('reviews.month')}</label>
        <input id="review-month" type="month" value={month} onChange={(event) => setMonth(event.target.value)} />
      </div>
      <QueryState query={reports}>
        {(data) => (
          <>
            <form className="row no-print" onSubmit={submit} aria-label={t('reviews.generate')}>
              <FormField label={t('reviews.partner')} error={fieldError(generate.error, 'partnerCode')}>
                {(props) => (
                  <select name="partnerCode" {...props}>
                    {data.partners.map((partner) => <option key={partner.id} value={partner.code}>{localized(partner)}</option>)}
                  </select>
                )}
              </FormField>
              <div className="field">
                <button type="submit" className="button">{t('reviews.generate')}</button>
              </div>
            </form>
            <ErrorMessage error={generate.error} />
            <table>
              <caption>{t('reviews.reports', { month })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partner.name')}</th>
                  <th scope="col">{t('reviews.warnings')}</th>
                  <th scope="col">{t('reviews.revision')}</th>
                  <th scope="col">{t('reviews.signOff')}</th>
                </tr>
              </thead>
              <tbody>
                {data.reviewReports.map((report) => (
                  <tr key={report.partnerCode}>
                    <td>
                      <Link to={`/reviews/${report.partnerCode}/${report.month}`}>{localized({ nameKo: report.partnerName, nameEn: report.partnerNameEn })}</Link>
                    </td>
                    <td>{report.findings.filter((finding) => finding.severity === 'WARNING').length}</td>
                    <td>{report.revision}</td>
                    <td>{report.signedOff ? t('reviews.signed') : t('reviews.notSigned')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryState>
    </section>
  );
}
