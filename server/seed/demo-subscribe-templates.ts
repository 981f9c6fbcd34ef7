import { MESSAGE_TEMPLATES, type MessageKind } from '../messages/templates';

/**
 * The local stack's subscribe-message templates: demo ids given to the functions
 * (PARKING_SUBSCRIBE_TEMPLATES, sent through cloud.openapi), to the emulator (which plays
 * WeChat's console and answers the sends) and to the preview (which asks the driver for them).
 */
export const DEMO_TEMPLATE_IDS: Record<MessageKind, string> = {
  passReceipt: 'DEMO-tmpl-pass-receipt',
  passExpiring: 'DEMO-tmpl-pass-expiring',
  parkingReceipt: 'DEMO-tmpl-parking-receipt',
  paymentFailed: 'DEMO-tmpl-payment-failed',
  bookingReleasing: 'DEMO-tmpl-booking-releasing',
};

/** The functions' variables: send through cloud.openapi with the demo templates. */
export function demoSubscribeEnv(): Record<string, string> {
  return {
    PARKING_SUBSCRIBE_MODE: 'openapi',
    PARKING_SUBSCRIBE_TEMPLATES: JSON.stringify(DEMO_TEMPLATE_IDS),
  };
}

/** The templates as the WeChat console shows them (id, title, fields). */
export function demoConsoleTemplates(): Array<{
  id: string;
  title: string;
  fields: Record<string, string>;
}> {
  return (Object.keys(DEMO_TEMPLATE_IDS) as MessageKind[]).map((kind) => ({
    id: DEMO_TEMPLATE_IDS[kind],
    title: MESSAGE_TEMPLATES[kind].title,
    fields: { ...MESSAGE_TEMPLATES[kind].fields },
  }));
}
