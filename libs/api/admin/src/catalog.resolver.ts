import { Authorized, Query, Resolver } from 'type-graphql';
import { ITEM_CATALOG, PURPOSE_CATALOG, STATUTE_CATALOG } from '@provision/domain';
import { CatalogEntryView, StatuteEntryView } from './catalog.type.js';

/** The item, purpose and statute catalogs, so admins and partner engineers can see every valid key and its labels. */
@Resolver()
export class CatalogResolver {
  @Authorized('admin:read')
  @Query(() => [CatalogEntryView], { description: 'Personal data items, with labels and sensitivity.' })
  itemCatalog(): CatalogEntryView[] {
    return ITEM_CATALOG.entries().map((entry) => ({
      key: entry.key,
      parent: ITEM_CATALOG.parentOf(entry.key)?.key ?? null,
      labelEn: entry.label.en,
      labelKo: entry.label.ko,
      grantable: entry.grantable,
      sensitivity: entry.sensitivity,
    }));
  }

  @Authorized('admin:read')
  @Query(() => [CatalogEntryView], {
    description: "Purposes; a purpose covers its children. Not grantable: the shop's own duties (subject rights, statutory disclosures).",
  })
  purposeCatalog(): CatalogEntryView[] {
    return PURPOSE_CATALOG.entries().map((entry) => ({
      key: entry.key,
      parent: PURPOSE_CATALOG.parentOf(entry.key)?.key ?? null,
      labelEn: entry.label.en,
      labelKo: entry.label.ko,
      grantable: entry.grantable,
      sensitivity: null,
    }));
  }

  @Authorized('admin:read')
  @Query(() => [StatuteEntryView], {
    description: 'Acts and their citable articles: the legal bases a STATUTE agreement or a statutory disclosure may cite.',
  })
  statuteCatalog(): StatuteEntryView[] {
    return STATUTE_CATALOG.entries().map((entry) => ({
      key: entry.key,
      parent: STATUTE_CATALOG.parentOf(entry.key)?.key ?? null,
      labelEn: entry.label.en,
      labelKo: entry.label.ko,
      citable: entry.citable,
      purpose: entry.purpose,
    }));
  }
}
