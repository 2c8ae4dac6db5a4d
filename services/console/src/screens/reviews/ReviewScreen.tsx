import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { request } from '../../app/api';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { FormField } from '../../components/FormField';
import { useLocalized } from '../../components/localized';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../components/time';
import { ReviewReportQuery, SignOffReviewMutation } from './reviews.operations';

/** One partner's monthly review as a printable page, its sign-offs, and the sign-off form. */
export function ReviewScreen() {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const { partnerCode = '', month = '' } = useParams();
  const review = useQuery({ queryKey: ['review', partnerCode, month], queryFn: () => request(ReviewReportQuery, { partnerCode, month }) });
  const signOff = useMutation({
    mutationFn: (form: FormData) =>
      request(SignOffReviewMutation, {
        partnerCode,
        month,
        comment: String(form.get('comment') ?? '').trim(),
        followUps: String(form.get('followUps') ?? '').split('\n').map((line) => line.trim()).filter(Boolean),
      }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signOff.mutate(new FormData(event.currentTarget));
  };
  return (
    <QueryState query={review}>
      {({ reviewReport: report }) =>
        !report ? (
          <p role="alert">{t('reviews.notGenerated')}</p>
        ) : (
          <article aria-labelledby="review-title">
            <h1 id="review-title">{t('reviews.reportTitle', { partner: localized({ nameKo: report.partnerName, nameEn: report.partnerNameEn }), month: report.month })}</h1>
            <p className="muted">{t('reviews.generated', { at: formatTime(report.generatedAt, i18n.language), by: report.generatedBy, revision: report.revision })}</p>
            <div className="actions no-print">
              <button type="button" className="button" onClick={() => window.print()}>{t('common.print')}</button>
            </div>
            <section aria-labelledby="findings-title">
              <h2 id="findings-title">{t('reviews.findings')}</h2>
              <ul>
                {report.findings.map((finding) => (
                  <li key={finding.code}>
                    <strong>{t(`severity.${finding.severity}`)}</strong> {i18n.language === 'en' ? finding.explanationEn : finding.explanationKo}
                  </li>
                ))}
              </ul>
            </section>
            <table>
              <caption>{t('reviews.totals')}</caption>
              <tbody>
                {Object.entries(report.totals).filter(([key]) => key !== '__typename').map(([key, value]) => (
                  <tr key={key}>
                    <th scope="row">{t(`reviews.totalsLabels.${key}`)}</th>
                    <td className="number">{value ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>{t('reviews.byItemPurpose')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreements.item')}</th>
                  <th scope="col">{t('agreements.purpose')}</th>
                  <th scope="col" className="number">{t('overview.releases')}</th>
                  <th scope="col" className="number">{t('overview.denials')}</th>
                </tr>
              </thead>
              <tbody>
                {report.byItemPurpose.map((row) => (
                  <tr key={`${row.item}${row.purpose}`}>
                    <td>{row.item}</td>
                    <td>{row.purpose}</td>
                    <td className="number">{row.released}</td>
                    <td className="number">{row.denied}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <section aria-labelledby="signoffs-title">
              <h2 id="signoffs-title">{t('reviews.signOffs')}</h2>
              {report.signOffs.length === 0 ? (
                <p>{t('reviews.notSigned')}</p>
              ) : (
                <ul>
                  {report.signOffs.map((entry) => (
                    <li key={entry.signedAt}>
                      {t('reviews.signedBy', { name: entry.signedByPerson.name ?? entry.signedByPerson.sub, at: formatTime(entry.signedAt, i18n.language), revision: entry.revision })}
                      <p>{entry.comment}</p>
                      {entry.followUps.length > 0 && (
                        <ul>
                          {entry.followUps.map((followUp) => <li key={followUp}>{followUp}</li>)}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {!report.signedOff && (
              <form className="panel no-print" onSubmit={submit} aria-labelledby="signoff-title" noValidate>
                <h2 id="signoff-title">{t('reviews.signOffTitle')}</h2>
                <FormField label={t('reviews.comment')} error={fieldError(signOff.error, 'comment')}>
                  {(props) => <input name="comment" required {...props} />}
                </FormField>
                <FormField label={t('reviews.followUps')} hint={t('reviews.followUpsHint')} error={fieldError(signOff.error, 'followUps')}>
                  {(props) => <textarea name="followUps" rows={3} {...props} />}
                </FormField>
                <ErrorMessage error={signOff.error} />
                <button type="submit" className="button button--primary" disabled={signOff.isPending}>{t('reviews.signOffAction')}</button>
              </form>
            )}
          </article>
        )
      }
    </QueryState>
  );
}
