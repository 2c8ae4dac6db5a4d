import type { RouteObject } from 'react-router';
import { AgreementsScreen } from '../screens/agreements/AgreementsScreen';
import { DisclosureScreen } from '../screens/disclosure/DisclosureScreen';
import { HistoryScreen } from '../screens/history/HistoryScreen';
import { NoticesScreen } from '../screens/notices/NoticesScreen';
import { OverviewScreen } from '../screens/overview/OverviewScreen';
import { PartnerScreen } from '../screens/partners/PartnerScreen';
import { PartnersScreen } from '../screens/partners/PartnersScreen';
import { ReviewScreen } from '../screens/reviews/ReviewScreen';
import { ReviewsScreen } from '../screens/reviews/ReviewsScreen';
import { SubjectsScreen } from '../screens/subjects/SubjectsScreen';

/** The screens, in navigation order; labels are message keys. */
export const navigation = [
  { path: '/', label: 'nav.overview' },
  { path: '/partners', label: 'nav.partners' },
  { path: '/agreements', label: 'nav.agreements' },
  { path: '/notices', label: 'nav.notices' },
  { path: '/reviews', label: 'nav.reviews' },
  { path: '/subjects', label: 'nav.subjects' },
  { path: '/disclosure', label: 'nav.disclosure' },
  { path: '/history', label: 'nav.history' },
] as const;

export const routes: RouteObject[] = [
  { index: true, element: <OverviewScreen /> },
  { path: 'partners', element: <PartnersScreen /> },
  { path: 'partners/:partnerId', element: <PartnerScreen /> },
  { path: 'agreements', element: <AgreementsScreen /> },
  { path: 'notices', element: <NoticesScreen /> },
  { path: 'reviews', element: <ReviewsScreen /> },
  { path: 'reviews/:partnerCode/:month', element: <ReviewScreen /> },
  { path: 'subjects', element: <SubjectsScreen /> },
  { path: 'disclosure', element: <DisclosureScreen /> },
  { path: 'history', element: <HistoryScreen /> },
];
