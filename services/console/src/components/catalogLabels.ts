import { useQuery } from '@tanstack/react-query';
import { request } from '../app/api';
import { graphql } from '../gql';
import { useLocalized } from './localized';

const CatalogLabelsQuery = graphql(`
  query ConsoleCatalogLabels {
    itemCatalog { key labelKo labelEn }
    purposeCatalog { key labelKo labelEn }
  }
`);

/** How the console names catalog keys: by their label in its language, the key itself until the catalogs are read or for a key they lack. */
export interface CatalogLabels {
  item(key: string): string;
  purpose(key: string): string;
  /** `<item> × <purpose>`, as the agreement screens write a grant. */
  grant(grant: { item: string; purpose: string }): string;
}

/** The item and purpose catalogs' labels (read once per session; they change only with a release of the gateway). */
export function useCatalogLabels(): CatalogLabels {
  const localized = useLocalized();
  const { data } = useQuery({ queryKey: ['catalog-labels'], queryFn: () => request(CatalogLabelsQuery), staleTime: Infinity });
  const labelOf = (entries: readonly { key: string; labelKo: string; labelEn: string }[] | undefined, key: string) => {
    const entry = entries?.find((candidate) => candidate.key === key);
    return entry ? localized({ nameKo: entry.labelKo, nameEn: entry.labelEn }) : key;
  };
  const item = (key: string) => labelOf(data?.itemCatalog, key);
  const purpose = (key: string) => labelOf(data?.purposeCatalog, key);
  return { item, purpose, grant: (grant) => `${item(grant.item)} × ${purpose(grant.purpose)}` };
}
