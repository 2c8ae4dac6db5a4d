import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../components/time';
import { AccessHistoryQuery } from './history.operations';

const PAGE = 25;

interface Filter {
  partnerCode: string | null;
  clientId: string | null;
  from: string | null;
  to: string | null;
}

/** The permission history (Safety Standard 5): filterable, newest first, a page at a time. */
export function HistoryScreen() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>({ partnerCode: null, clientId: null, from: null, to: null });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const history = useQuery({
    queryKey: ['history', filter, after],
    queryFn: () => request(AccessHistoryQuery, { ...filter, first: PAGE, after }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    const day = (name: string, end: boolean) => {
      const value = text(name);
      return value ? `${value}T${end ? '23:59:59' : '00:00:00'}+09:00` : null;
    };
    setFilter({ partnerCode: text('partnerCode'), clientId: text('clientId'), from: day('from', false), to: day('to', true) });
    setCursors([null]);
  };
  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">{t('history.title')}</h1>
      <form className="row no-print" onSubmit={submit} role="search">
        <div className="field">
          <label htmlFor="history-partner">{t('partner.code')}</label>
          <input id="history-partner" name="partnerCode" />
        </div>
        <div className="field">
          <label htmlFor="history-client">{t('history.clientId')}</label>
          <input id="history-client" name="clientId" />
        </div>
        <div className="field">
          <label htmlFor="history-from">{t('history.from')}</label>
          <input id="history-from" name="from" type="date" />
        </div>
        <div className="field">
          <label htmlFor="history-to">{t('history.to')}</label>
          <input id="history-to" name="to" type="date" />
        </div>
        <div className="field">
          <button type="submit" className="button button--primary">{t('history.filter')}</button>
        </div>
      </form>
      <ErrorMessage error={history.error} />
      <QueryState query={history}>
        {({ accessHistory }) => (
          <>
            <table>
              <caption>{t('history.page', { page: cursors.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('history.at')}</th>
                  <th scope="col">{t('history.kind')}</th>
                  <th scope="col">{t('history.who')}</th>
                  <th scope="col">{t('partner.code')}</th>
                  <th scope="col">{t('history.clientId')}</th>
                  <th scope="col">{t('history.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {accessHistory.nodes.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatTime(entry.at, i18n.language)}</td>
                    <td>{t(`accessKind.${entry.kind}`)}</td>
                    <td>{entry.actorPerson ? `${entry.actorPerson.name ?? entry.actorPerson.sub} (${entry.actor})` : entry.actor}</td>
                    <td>{entry.partnerCode ?? ''}</td>
                    <td>{entry.clientId ?? ''}</td>
                    <td>
                      {[entry.agreementVersion ? `v${entry.agreementVersion}` : '', entry.status ? t(`partnerStatus.${entry.status}`) : '', entry.reason ?? '', entry.scopesAfter ? entry.scopesAfter.join(' ') : '', entry.changedFields ? t('history.changed', { fields: entry.changedFields.join(', ') }) : '']
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="actions no-print">
              <button type="button" className="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('history.previous')}
              </button>
              <button
                type="button"
                className="button"
                disabled={!accessHistory.pageInfo.hasNextPage}
                onClick={() => setCursors([...cursors, accessHistory.pageInfo.endCursor ?? null])}
              >
                {t('history.next')}
              </button>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
