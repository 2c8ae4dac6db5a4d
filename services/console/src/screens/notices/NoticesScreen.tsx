import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { request } from '../../app/api';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { FormField } from '../../components/FormField';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../components/time';
import type { DestructionMethod, NoticeStatus } from '../../gql/graphql';
import { NoticesQuery, RecordDestructionMutation, RequeueNoticeMutation } from './notices.operations';

const STATUSES: NoticeStatus[] = ['PENDING', 'DELIVERED', 'DEAD'];
const METHODS: DestructionMethod[] = ['DELETED', 'SHREDDED', 'ANONYMIZED', 'RETURNED'];

/** Records destruction evidence a partner gave another way (e.g. a terminated partner's letter). */
function RecordDestructionForm({ noticeId, onDone }: { noticeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (form: FormData) =>
      request(RecordDestructionMutation, {
        input: { noticeId, destroyedAt: new Date(String(form.get('destroyedAt'))).toISOString(), method: String(form.get('method')) as DestructionMethod },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      onDone();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    record.mutate(new FormData(event.currentTarget));
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={t('notices.recordDestruction')} noValidate>
      <FormField label={t('notices.destroyedAt')} error={fieldError(record.error, 'destroyedAt')}>
        {(props) => <input name="destroyedAt" type="datetime-local" required {...props} />}
      </FormField>
      <FormField label={t('notices.method')} error={fieldError(record.error, 'method')}>
        {(props) => (
          <select name="method" {...props}>
            {METHODS.map((method) => <option key={method} value={method}>{t(`destructionMethod.${method}`)}</option>)}
          </select>
        )}
      </FormField>
      <ErrorMessage error={record.error} />
      <button type="submit" className="button button--primary">{t('notices.saveEvidence')}</button>
    </form>
  );
}

/** The notice outbox: dead letters and their re-queue, overdue destructions, destruction evidence. */
export function NoticesScreen() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as NoticeStatus | '';
  const [recording, setRecording] = useState<string | null>(null);
  const notices = useQuery({
    queryKey: ['notices', status],
    queryFn: () => request(NoticesQuery, { filter: { status: status || null }, first: 100 }),
  });
  const requeue = useMutation({
    mutationFn: (noticeId: string) => request(RequeueNoticeMutation, { noticeId }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <section aria-labelledby="notices-title">
      <h1 id="notices-title">{t('notices.title')}</h1>
      <div className="field no-print">
        <label htmlFor="notice-status">{t('notices.status')}</label>
        <select id="notice-status" value={status} onChange={(event) => setParams(event.target.value ? { status: event.target.value } : {})}>
          <option value="">{t('common.all')}</option>
          {STATUSES.map((value) => <option key={value} value={value}>{t(`noticeStatus.${value}`)}</option>)}
        </select>
      </div>
      <ErrorMessage error={requeue.error} />
      <QueryState query={notices}>
        {(data) => (
          <>
            <table>
              <caption>{t('notices.overdue', { count: data.overdueDestructions.reduce((sum, group) => sum + group.count, 0) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partner.code')}</th>
                  <th scope="col">{t('partner.contactName')}</th>
                  <th scope="col" className="number">{t('overview.count')}</th>
                  <th scope="col">{t('notices.oldestDue')}</th>
                </tr>
              </thead>
              <tbody>
                {data.overdueDestructions.map((group) => (
                  <tr key={group.partnerCode}>
                    <td>{group.partnerCode}</td>
                    <td>{group.privacyContact.name} · {group.privacyContact.email}</td>
                    <td className="number">{group.count}</td>
                    <td>{formatTime(group.oldestDueFrom, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>{t('notices.outbox', { count: data.notices.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('notices.createdAt')}</th>
                  <th scope="col">{t('partner.code')}</th>
                  <th scope="col">{t('notices.type')}</th>
                  <th scope="col">{t('notices.status')}</th>
                  <th scope="col" className="number">{t('notices.attempts')}</th>
                  <th scope="col">{t('notices.lastError')}</th>
                  <th scope="col">{t('notices.destruction')}</th>
                  <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {data.notices.map((notice) => (
                  <tr key={notice.id}>
                    <td>{formatTime(notice.createdAt, i18n.language)}</td>
                    <td>{notice.partnerCode}</td>
                    <td>{notice.type}</td>
                    <td>{t(`noticeStatus.${notice.status}`)}</td>
                    <td className="number">{notice.attempts}</td>
                    <td>{notice.lastError ?? ''}</td>
                    <td>
                      {notice.destroyedAt
                        ? t('notices.destroyed', { at: formatTime(notice.destroyedAt, i18n.language), by: notice.acknowledgedByPerson?.name ?? notice.acknowledgedBy ?? '' })
                        : notice.asksDestruction
                          ? t('notices.awaitingDestruction')
                          : ''}
                    </td>
                    <td>
                      {notice.status === 'DEAD' && (
                        <button type="button" className="button" onClick={() => requeue.mutate(notice.id)}>
                          {t('notices.requeue')}
                        </button>
                      )}
                      {notice.asksDestruction && !notice.destroyedAt && (
                        <button type="button" className="button" onClick={() => setRecording(notice.id)}>
                          {t('notices.recordDestruction')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {recording && <RecordDestructionForm noticeId={recording} onDone={() => setRecording(null)} />}
          </>
        )}
      </QueryState>
    </section>
  );
}
