import type { ReceiptController } from './consent-receipt.js';

/** The shop as controller in the unit tests of receipts and breach notices. */
export const TEST_CONTROLLER: ReceiptController = {
  name: 'MIKMIK',
  contact: 'Privacy officer',
  email: 'privacy@example.com',
  phone: '02-0000-0000',
  address: '서울특별시 중구 예시로 1',
  policyUrl: 'https://shop.example.com/privacy',
};
