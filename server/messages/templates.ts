/**
 * The subscribe-message templates the functions fill (chosen in the WeChat console; their ids are
 * configuration, PARKING_SUBSCRIBE_TEMPLATES): each field name with what it shows. The senders
 * fill exactly these fields (typed), and the local emulator checks sends against them.
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
  parkingReceipt: {
    title: '停车缴费成功通知',
    fields: {
      thing1: '停车场',
      car_number2: '车牌号',
      amount3: '支付金额',
      time4: '支付时间',
      character_string5: '订单号',
    },
  },
  paymentFailed: {
    title: '支付未成功提醒',
    fields: { thing1: '停车场', car_number2: '车牌号', amount3: '金额', thing4: '原因' },
  },
  bookingReleasing: {
    title: '预订即将释放提醒',
    fields: { thing1: '车位', car_number2: '车牌号', time3: '保留至', thing4: '温馨提示' },
  },
} as const;

export type MessageKind = keyof typeof MESSAGE_TEMPLATES;

/** A message's data: every field of the kind's template, as WeChat takes it. */
export type MessageData<K extends MessageKind> = {
  [F in keyof (typeof MESSAGE_TEMPLATES)[K]['fields']]: { value: string };
};
