import { merchantApi } from '../../services/merchant-api';

// The way into the merchant area (issue 14), for the home page to carry: it appears only to a
// merchant's staff (merchant.mine lists their merchants; the server checks every merchant route).
Component({
  data: { shown: false, hint: '' },
  lifetimes: {
    attached() {
      void this.check();
    },
  },
  pageLifetimes: {
    show() {
      void this.check();
    },
  },
  methods: {
    async check() {
      try {
        const { merchants } = await merchantApi.mine();
        const first = merchants[0];
        const hint = !first ? '' : merchants.length > 1 ? `${merchants.length} 个商户` : first.name;
        this.setData({ shown: merchants.length > 0, hint });
      } catch {
        this.setData({ shown: false, hint: '' });
      }
    },
    onOpen() {
      void wx.navigateTo({ url: '/merchant/give/index' });
    },
  },
});
