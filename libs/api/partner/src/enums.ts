import { registerEnumType } from 'type-graphql';
import { DENIAL_REASONS } from '@provision/domain';
import { enumOf } from '@provision/api-core';

/**
 * How a partner destroyed what a notice named (PIPA Art. 21 and its Enforcement Decree Art. 16:
 * files deleted beyond recovery, paper shredded or incinerated). A closed list rather than free
 * text, so the evidence is comparable and cannot carry personal data.
 */
export const DESTRUCTION_METHODS = ['DELETED', 'SHREDDED', 'ANONYMIZED', 'RETURNED'] as const;
/** How a partner destroyed data. */
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[number];

export const DestructionMethodEnum = enumOf(DESTRUCTION_METHODS);
registerEnumType(DestructionMethodEnum, {
  name: 'DestructionMethod',
  description:
    'DELETED: electronic files deleted so they cannot be restored. SHREDDED: paper shredded or incinerated. ANONYMIZED: made anonymous, no one identifiable. RETURNED: handed back to the shop (consignees).',
});

/**
 * `extensions.reason` of a `PROVISION_DENIED` error, generated from the domain's list so that a
 * reason added there is published here. Not returned by any personal field; published so clients
 * can switch over it exhaustively (`myProvisionScope.denialReasons`).
 */
export const DenialReasonEnum = enumOf(DENIAL_REASONS);
registerEnumType(DenialReasonEnum, {
  name: 'DenialReason',
  description:
    'Why a personal field is null: the `extensions.reason` of its `PROVISION_DENIED` error. Values are added, never renamed (DESIGN.md, "The decision").',
});
