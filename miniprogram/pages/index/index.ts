Page({
  data: {
    title: '扫码停车缴费',
  },
});
