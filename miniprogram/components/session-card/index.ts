// One parking session in a list: plate, state, when, amount; tapping it emits `open` {id}.
Component({
  properties: {
    /** SessionCardView (components/session-card/view.ts). */
    card: { type: Object, value: {} },
  },
  methods: {
    onTap() {
      const card = this.data.card as { id?: string };
      if (card.id) this.triggerEvent('open', { id: card.id });
    },
  },
});
