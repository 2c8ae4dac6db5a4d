import { useTranslation } from 'react-i18next';

/** Picks the Korean or English of a pair the API gives in both, by the console's language. */
export function useLocalized(): <T extends { nameKo: string; nameEn: string }>(value: T) => string {
  const { i18n } = useTranslation();
  return (value) => (i18n.language === 'en' ? value.nameEn : value.nameKo);
}
