import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage';
import { FormField } from '../../components/FormField';
import { useLocalized } from '../../components/localized';
import { QueryState } from '../../components/QueryState';
import type { LegalBasis } from '../../gql/graphql';
import { CatalogsQuery, DraftAgreementMutation } from './agreements.operations';

const ANCHORS = ['purchase-confirmation', 'delivery-completion', 'subscription-end', 'case-closure', 'provision'] as const;
const UNITS = ['D', 'M', 'Y'] as const;
type RetentionKind = 'after' | 'termination' | 'until';

/** The retention rule's canonical text from the builder's parts (the API parses and words it). */
function retentionRule(kind: RetentionKind, amount: string, unit: string, anchor: string, until: string): string {
  if (kind === 'termination') return 'until partnership-termination';
  if (kind === 'until') return `until ${until}`;
  return `P${amount}${unit} after ${anchor}`;
}

/** Drafts a version: an item × purpose grid from the catalogs, a retention rule builder, basis, consent, quota. */
export function DraftForm({ partnerId: initialPartner }: { partnerId: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const catalogs = useQuery({ queryKey: ['catalogs'], queryFn: () => request(CatalogsQuery), staleTime: Infinity });
  const [partnerId, setPartnerId] = useState(initialPartner);
  const [grants, setGrants] = useState<Set<string>>(new Set());
  const [kind, setKind] = useState<RetentionKind>('after');
  const [amount, setAmount] = useState('3');
  const [unit, setUnit] = useState('M');
  const [anchor, setAnchor] = useState<string>('purchase-confirmation');
  const [until, setUntil] = useState('');
  const rule = retentionRule(kind, amount, unit, anchor, until);
  const draft = useMutation({
    mutationFn: (form: FormData) => {
      const ceiling = String(form.get('dailySubjectCeiling') ?? '').trim();
      return request(DraftAgreementMutation, {
        input: {
          partnerId,
          grants: [...grants].map((pair) => {
            const [item = '', purpose = ''] = pair.split('|');
            return { item, purpose };
          }),
          retentionRule: rule,
          legalBasis: String(form.get('legalBasis')) as LegalBasis,
          consentRequired: form.get('consentRequired') === 'on',
          dailySubjectCeiling: ceiling ? Number(ceiling) : null,
        },
      });
    },
    onSuccess: async () => {
      setGrants(new Set());
      await queryClient.invalidateQueries({ queryKey: ['drafts'] });
    },
  });
  const toggle = (pair: string) => {
    const next = new Set(grants);
    if (next.has(pair)) next.delete(pair);
    else next.add(pair);
    setGrants(next);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    draft.mutate(new FormData(event.currentTarget));
  };
  return (
    <QueryState query={catalogs}>
      {(data) => {
        const items = data.itemCatalog.filter((entry) => entry.grantable);
        const purposes = data.purposeCatalog.filter((entry) => entry.grantable);
        return (
          <form className="panel" onSubmit={submit} aria-labelledby="draft-title" noValidate>
            <h2 id="draft-title">{t('agreements.newDraft')}</h2>
            <FormField label={t('agreements.partner')} error={fieldError(draft.error, 'partnerId')}>
              {(props) => (
                <select value={partnerId} onChange={(event) => setPartnerId(event.target.value)} {...props}>
                  <option value="">{t('common.choose')}</option>
                  {data.partners.filter((partner) => partner.status !== 'TERMINATED').map((partner) => (
                    <option key={partner.id} value={partner.id}>{localized(partner)}</option>
                  ))}
                </select>
              )}
            </FormField>
            <div className="grid-scroll">
              <table className="grid-table">
                <caption>{t('agreements.grid')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreements.item')}</th>
                    {purposes.map((purpose) => (
                      <th key={purpose.key} scope="col" title={purpose.key}>
                        {localized({ nameKo: purpose.labelKo, nameEn: purpose.labelEn })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.key}>
                      <th scope="row" title={item.key}>{localized({ nameKo: item.labelKo, nameEn: item.labelEn })}</th>
                      {purposes.map((purpose) => {
                        const pair = `${item.key}|${purpose.key}`;
                        const label = `${localized({ nameKo: item.labelKo, nameEn: item.labelEn })} × ${localized({ nameKo: purpose.labelKo, nameEn: purpose.labelEn })}`;
                        return (
                          <td key={pair}>
                            <input type="checkbox" aria-label={label} checked={grants.has(pair)} onChange={() => toggle(pair)} />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {fieldError(draft.error, 'grants') && <p className="field-error">{fieldError(draft.error, 'grants')}</p>}
            <fieldset className="field">
              <legend>{t('agreements.retention')}</legend>
              <label>
                <input type="radio" name="retentionKind" checked={kind === 'after'} onChange={() => setKind('after')} /> {t('agreements.retentionAfter')}
              </label>
              {kind === 'after' && (
                <div className="row">
                  <FormField label={t('agreements.amount')}>
                    {(props) => <input type="number" min={1} value={amount} onChange={(event) => setAmount(event.target.value)} {...props} />}
                  </FormField>
                  <FormField label={t('agreements.unit')}>
                    {(props) => (
                      <select value={unit} onChange={(event) => setUnit(event.target.value)} {...props}>
                        {UNITS.map((value) => <option key={value} value={value}>{t(`agreements.units.${value}`)}</option>)}
                      </select>
                    )}
                  </FormField>
                  <FormField label={t('agreements.anchor')}>
                    {(props) => (
                      <select value={anchor} onChange={(event) => setAnchor(event.target.value)} {...props}>
                        {ANCHORS.map((value) => <option key={value} value={value}>{t(`agreements.anchors.${value}`)}</option>)}
                      </select>
                    )}
                  </FormField>
                </div>
              )}
              <label>
                <input type="radio" name="retentionKind" checked={kind === 'termination'} onChange={() => setKind('termination')} /> {t('agreements.retentionTermination')}
              </label>
              <label>
                <input type="radio" name="retentionKind" checked={kind === 'until'} onChange={() => setKind('until')} /> {t('agreements.retentionUntil')}
              </label>
              {kind === 'until' && (
                <FormField label={t('agreements.untilDate')}>
                  {(props) => <input type="date" value={until} onChange={(event) => setUntil(event.target.value)} {...props} />}
                </FormField>
              )}
              <p className="muted">{t('agreements.ruleText', { rule })}</p>
              {fieldError(draft.error, 'retentionRule') && <p className="field-error">{fieldError(draft.error, 'retentionRule')}</p>}
            </fieldset>
            <FormField label={t('agreements.legalBasis')} error={fieldError(draft.error, 'legalBasis')}>
              {(props) => (
                <select name="legalBasis" defaultValue="CONTRACT" {...props}>
                  {(['CONSENT', 'CONTRACT', 'STATUTE'] as const).map((basis) => <option key={basis} value={basis}>{t(`legalBasis.${basis}`)}</option>)}
                </select>
              )}
            </FormField>
            <label className="field">
              <span><input type="checkbox" name="consentRequired" /> {t('agreements.consentRequired')}</span>
            </label>
            <FormField label={t('agreements.dailySubjectCeiling')} error={fieldError(draft.error, 'dailySubjectCeiling')}>
              {(props) => <input name="dailySubjectCeiling" type="number" min={1} {...props} />}
            </FormField>
            <ErrorMessage error={draft.error} />
            {draft.isSuccess && <p role="status" className="success">{t('agreements.drafted')}</p>}
            <div className="actions">
              <button type="submit" className="button button--primary" disabled={draft.isPending || !partnerId}>{t('agreements.submitDraft')}</button>
            </div>
          </form>
        );
      }}
    </QueryState>
  );
}
