/** What the server tells the browser runtime (serialised into the preview page). */

export interface PreviewIdentity {
  key: 'driver' | 'operator' | 'merchant';
  /** Shown in the toolbar (Simplified Chinese). */
  label: string;
  openid: string;
}

/** A QR code the scan sheet offers, e.g. a seeded gate or spot. */
export interface ScanChoice {
  label: string;
  /** The mini-program code's `scene`. */
  scene: string;
}

/** A lot the lane panel offers (no secret: the preview server signs). */
export interface LaneLotChoice {
  id: string;
  name: string;
  gates: Array<{
    id: string;
    name: string;
    kind: 'entry' | 'exit' | 'paystation';
    camera?: boolean;
  }>;
}

export interface PreviewConfig {
  sandboxUrl: string;
  identities: PreviewIdentity[];
  scanChoices: ScanChoice[];
  /** The lane (车道) panel's lots; absent: no panel. */
  lane?: { lots: LaneLotChoice[] };
  /**
   * The emulator records cloud.openapi calls: the phone's wx.requestSubscribeMessage tells it the
   * user's answers and the 服务通知 tray shows the messages (both through /preview/openapi/).
   */
  openapi?: boolean;
}

// The demo users seeded by `npm start` (server/seed/demo-data.ts); repeated here so that the
// preview does not pull the parking domain into its bundle.
export const DEMO_IDENTITIES: PreviewIdentity[] = [
  { key: 'driver', label: '车主（演示）', openid: 'oDEMO-driver-000000000000000' },
  { key: 'operator', label: '运营人员（演示）', openid: 'oDEMO-owner-0000000000000000' },
  // Not seeded as staff: an owner invites this person to a merchant (admin/merchants).
  { key: 'merchant', label: '商户店员（演示）', openid: 'oDEMO-merchant-0000000000000' },
];
