// Contract types of the merchant routes (server/merchant/README.md).

export type MerchantRole = 'manager' | 'clerk';

export interface MerchantOffer {
  id: string;
  label: string;
  discount:
    | { kind: 'free_minutes'; minutes: number }
    | { kind: 'amount_off'; amount: number }
    | { kind: 'percent_off'; percent: number }
    | { kind: 'whole_stay' };
  cap?: number;
}

export interface MerchantBalance {
  toppedUp: number;
  spent: number;
  balance: number;
}

export interface MyMerchant {
  merchantId: string;
  name: string;
  lotId: string;
  lotName: string;
  role: MerchantRole;
  roleText: string;
  active: boolean;
  billing: 'balance' | 'monthly';
  offers: MerchantOffer[];
  balance?: MerchantBalance;
}

export interface GiveResult {
  outcome: 'applied' | 'already' | 'waiting';
  discountId: string;
  sessionId?: string;
  plate: string;
  offerLabel: string;
}

export interface GivenDiscount {
  id: string;
  plate: string;
  date: string;
  at: number;
  offerId: string;
  offerLabel: string;
  via: 'staff' | 'code' | 'counter';
  state: 'waiting' | 'pending' | 'charged' | 'returned';
  cost?: number;
}

export interface MerchantDay {
  merchantId: string;
  date: string;
  count: number;
  cost?: number;
  balance?: MerchantBalance;
  items: GivenDiscount[];
}

/** A lot's merchant as the operator sees it (op.merchants.list). */
export interface LotMerchant {
  id: string;
  lotId: string;
  name: string;
  billing: 'balance' | 'monthly';
  active: boolean;
  offers: MerchantOffer[];
  balance: MerchantBalance;
}

export interface TopupResult {
  outcome: 'applied' | 'already';
  balance: MerchantBalance;
}
