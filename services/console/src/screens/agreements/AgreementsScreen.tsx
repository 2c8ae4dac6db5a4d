import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { request } from '../../app/api';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCatalogLabels } from '../../components/catalogLabels';
import { useLocalized } from '../../components/localized';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../components/time';
import type { ConsoleAgreementDraftsQuery } from '../../gql/graphql';
import { AgreementDraftsQuery, ApproveDraftMutation, RejectDraftMutation } from './agreements.operations';
import { DraftForm } from './DraftForm';

type Draft = ConsoleAgreementDraftsQuery['agreementDrafts'][number];

/** One pending draft: what changes against the version in force, whose consents stop covering what, and the decision. */
function DraftReview({ draft }: { draft: Draft }) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const labels = useCatalogLabels();
  const session = useSession();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const done = () => queryClient.invalidateQueries();
  const approve = useMutation({ mutationFn: () => request(ApproveDraftMutation, { id: draft.id }), onSuccess: done });
  const reject = useMutation({ mutationFn: () => request(RejectDraftMutation, { id: draft.id, reason }), onSuccess: done });
  const ownDraft = draft.draftedByPerson?.sub === session.person.sub;
  const { diff } = draft;
  // A changed term's value as the officer reads it elsewhere: the legal basis and consent in words, the rest as the API writes it.
  const termValue = (field: string, value: string | null) => {
    if (value === null) return '—';
    if (field === 'legalBasis') return t(`legalBasis.${value}`);
    if (field === 'consentRequired') return t(value === 'true' ? 'common.yes' : 'common.no');
    return value;
  };
  return (
    <article className="panel" aria-labelledby={`draft-${draft.id}`}>
      <h3 id={`draft-${draft.id}`}>
        {t('agreements.draftOf', { partner: draft.partnerCode, base: draft.baseVersion ?? 0 })}
      </h3>
      <p>
        {t('agreements.draftedBy', { name: draft.draftedByPerson?.name ?? t('common.system'), at: formatTime(draft.draftedAt, i18n.language) })}
      </p>
      <p>
        {t('agreements.retention')}: {localized({ nameKo: draft.retentionKo, nameEn: draft.retentionEn })} · {t(`legalBasis.${draft.legalBasis}`)} ·{' '}
        {draft.consentRequired ? t('agreements.consentRequired') : t('agreements.noConsent')}
      </p>
      <table>
        <caption>{t('agreements.diff')}</caption>
        <tbody>
          {diff.addedGrants.map((grant) => (
            <tr key={`+${grant.item}${grant.purpose}`} className="diff-added">
              <td>{t('agreements.added')}</td>
              <td>{labels.grant(grant)}</td>
            </tr>
          ))}
          {diff.removedGrants.map((grant) => (
            <tr key={`-${grant.item}${grant.purpose}`} className="diff-removed">
              <td>{t('agreements.removed')}</td>
              <td>{labels.grant(grant)}</td>
            </tr>
          ))}
          {diff.changes.map((change) => (
            <tr key={change.field}>
              <td>{t('agreements.changed')}</td>
              <td>
                {t(`agreements.terms.${change.field}`, { defaultValue: change.field })}: {termValue(change.field, change.before)} → {termValue(change.field, change.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.consentGaps.length > 0 && (
        <div className="notice">
          <p>{t('agreements.consentGapsIntro')}</p>
          <ul>
            {diff.consentGaps.map((gap) => (
              <li key={`${gap.item}${gap.purpose}`}>{t('agreements.consentGap', { item: labels.item(gap.item), purpose: labels.purpose(gap.purpose), count: gap.consents })}</li>
            ))}
          </ul>
        </div>
      )}
      {session.fourEyesPublishing && ownDraft && <p className="muted">{t('agreements.fourEyesOwn')}</p>}
      <div className="row no-print">
        <button type="button" className="button button--primary" disabled={approve.isPending || (session.fourEyesPublishing && ownDraft)} onClick={() => approve.mutate()}>
          {t('agreements.approve')}
        </button>
        <div className="field">
          <label htmlFor={`reason-${draft.id}`}>{t('agreements.rejectReason')}</label>
          <input id={`reason-${draft.id}`} value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <button type="button" className="button" disabled={!reason || reject.isPending} onClick={() => reject.mutate()}>
          {ownDraft ? t('agreements.withdraw') : t('agreements.reject')}
        </button>
      </div>
      <ErrorMessage error={approve.error ?? reject.error} />
    </article>
  );
}

/** Agreement versions: draft one, and review the drafts other officers made (four-eyes publishing). */
export function AgreementsScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const drafts = useQuery({ queryKey: ['drafts', 'PENDING'], queryFn: () => request(AgreementDraftsQuery, { status: 'PENDING' }) });
  return (
    <section aria-labelledby="agreements-title">
      <h1 id="agreements-title">{t('agreements.title')}</h1>
      <p className="muted">{session.fourEyesPublishing ? t('agreements.fourEyesOn') : t('agreements.fourEyesOff')}</p>
      <DraftForm partnerId={params.get('partner') ?? ''} />
      <h2>{t('agreements.pending')}</h2>
      <QueryState query={drafts}>
        {(data) =>
          data.agreementDrafts.length === 0 ? (
            <p className="muted">{t('agreements.noPending')}</p>
          ) : (
            data.agreementDrafts.map((draft) => <DraftReview key={draft.id} draft={draft} />)
          )
        }
      </QueryState>
    </section>
  );
}
