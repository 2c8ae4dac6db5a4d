import type { RouteObject } from 'react-router';
import { OverviewScreen } from '../screens/overview/OverviewScreen';

/** The screens, in navigation order; labels are message keys. */
export const navigation = [{ path: '/', label: 'nav.overview' }] as const;

export const routes: RouteObject[] = [{ index: true, element: <OverviewScreen /> }];
