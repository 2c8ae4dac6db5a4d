/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** RECIPIENT: third-party provision (PIPA Art. 17). CONSIGNEE: processing on the shop's behalf (Art. 26). */
export type PartnerKind =
  | 'CONSIGNEE'
  | 'RECIPIENT';

export type PartnerStatus =
  | 'ACTIVE'
  | 'SUSPENDED'
  | 'TERMINATED';

export type ConsolePartnersOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsolePartnersOverviewQuery = { partners: Array<{ id: string, code: string, nameKo: string, nameEn: string, kind: PartnerKind, status: PartnerStatus }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ConsolePartnersOverviewDocument = new TypedDocumentString(`
    query ConsolePartnersOverview {
  partners {
    id
    code
    nameKo
    nameEn
    kind
    status
  }
}
    `) as unknown as TypedDocumentString<ConsolePartnersOverviewQuery, ConsolePartnersOverviewQueryVariables>;