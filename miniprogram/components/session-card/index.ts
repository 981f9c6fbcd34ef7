import { lotNameOf } from '../../services/lot-names';

// One parking session in a list: plate, state, lot, when, amount; tapping it emits `open` {id}.
Component({
  properties: {
    /** SessionCardView (components/session-card/view.ts). */
    card: { type: Object, value: {} },
  },
  data: { lotName: '' },
  observers: {
    // The session knows its lot's id only: the name is looked up once per lot.
    'card.lotId'(lotId: string | undefined) {
      if (!lotId) return;
      void lotNameOf(lotId).then((name) => {
        if (name && (this.data.card as { lotId?: string }).lotId === lotId) {
          this.setData({ lotName: name });
        }
      });
    },
  },
  methods: {
    onTap() {
      const card = this.data.card as { id?: string };
      if (card.id) this.triggerEvent('open', { id: card.id });
    },
  },
});
