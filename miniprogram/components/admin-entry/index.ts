import { operatorGrants } from '../../services/operator-access';

// The way into the operator area, for a driver page to carry: it appears only to someone the
// server answers op.me for (the server refuses every operator route to anyone else anyway).
Component({
  data: { shown: false, lots: 0 },
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
        const me = await operatorGrants();
        const lots = me?.lots.length ?? 0;
        this.setData({ shown: lots > 0, lots });
      } catch {
        this.setData({ shown: false, lots: 0 });
      }
    },
    onOpen() {
      void wx.navigateTo({ url: '/admin/index/index' });
    },
  },
});
