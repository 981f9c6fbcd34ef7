/**
 * The subscribe-message templates the functions fill (chosen in the WeChat console; their ids are
 * configuration, PARKING_SUBSCRIBE_TEMPLATES): each field name with what it shows. messages.ts
 * fills exactly these fields (typed), and the local emulator checks sends against them.
 */
export const MESSAGE_TEMPLATES = {
  passReceipt: {
    title: '月卡购买成功通知',
    fields: { thing1: '月卡', amount2: '支付金额', time3: '有效期至', character_string4: '订单号' },
  },
  passExpiring: {
    title: '月卡到期提醒',
    fields: { thing1: '月卡', time2: '到期时间', thing3: '温馨提示' },
  },
} as const;

export type MessageKind = keyof typeof MESSAGE_TEMPLATES;

/** A message's data: every field of the kind's template, as WeChat takes it. */
export type MessageData<K extends MessageKind> = {
  [F in keyof (typeof MESSAGE_TEMPLATES)[K]['fields']]: { value: string };
};
