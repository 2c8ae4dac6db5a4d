import type { ProvisionFacts } from '@provision/domain';
import type { SubjectFacts } from './partner-pages.js';

/**
 * What a view with personal fields must carry so the guard can decide on them: whose data it is,
 * whose consent covers it, and the engagement that binds the partner to it — as the page statement
 * read them. Views never expose the stored values themselves; the guard returns a value only after
 * the decision released it and its ledger row is written.
 */
export interface ProvisionHandle {
  /** The person the personal fields are about (the receiver, the buyer, the subscriber). */
  dataSubject: SubjectFacts;
  /** The person whose consent covers the provision (the buyer for an order's receiver too). */
  consentSubject: SubjectFacts;
  orderId: string | null;
  /** Business events the agreement's retention rule is anchored on. */
  anchors: ProvisionFacts['anchors'];
}

export const PROVISION_HANDLE: unique symbol = Symbol('provisionHandle');

/** A GraphQL view that has `@personal` fields. */
export interface HoldsPersonalData {
  [PROVISION_HANDLE]: ProvisionHandle;
}

export function handleOf(root: unknown): ProvisionHandle | null {
  if (typeof root !== 'object' || root === null || !(PROVISION_HANDLE in root)) return null;
  return (root as HoldsPersonalData)[PROVISION_HANDLE];
}
