// The operator home page (admin/index): one card per lot.
import type { Dashboard } from '../operator-types';
import { formatFen, kindText } from './common';

export interface DashboardCard {
  lotId: string;
  name: string;
  kindText: string;
  sessionsToday: number;
  live: number;
  flagged: number;
  hasRevenue: boolean;
  charged: string;
  net: string;
}

export function dashboardCards(dashboard: Dashboard): DashboardCard[] {
  return dashboard.lots.map((lot) => ({
    lotId: lot.lotId,
    name: lot.name,
    kindText: kindText(lot.kind),
    sessionsToday: lot.sessionsToday,
    live: lot.live,
    flagged: lot.flagged,
    hasRevenue: lot.revenueToday !== undefined,
    charged: lot.revenueToday ? formatFen(lot.revenueToday.charged) : '',
    net: lot.revenueToday ? formatFen(lot.revenueToday.net) : '',
  }));
}
