import type { SubscribeAnswers } from './overlays';

/**
 * WeChat's "总是保持以上选择，不再询问": once a user ticks it, later requests for those templates
 * are answered with the kept choice and no sheet is shown (each answer still lets one message
 * through). Kept per user of the preview, as WeChat keeps it per user and mini-program.
 */
export interface KeptChoices {
  /** The kept answers among `ids`, and the ids still to ask. */
  split(openid: string, ids: readonly string[]): { kept: SubscribeAnswers; ask: string[] };
  keep(openid: string, answers: SubscribeAnswers): void;
}

export function keptChoices(storage: Pick<Storage, 'getItem' | 'setItem'>): KeptChoices {
  const keyOf = (openid: string) => `pv-subscribe-kept:${openid}`;
  const read = (openid: string): SubscribeAnswers => {
    try {
      const parsed = JSON.parse(storage.getItem(keyOf(openid)) ?? '{}') as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as SubscribeAnswers) : {};
    } catch {
      return {}; // a damaged entry is asked again
    }
  };
  return {
    split(openid, ids) {
      const all = read(openid);
      const kept: SubscribeAnswers = {};
      const ask: string[] = [];
      for (const id of ids) {
        const answer = all[id];
        if (answer === 'accept' || answer === 'reject') kept[id] = answer;
        else ask.push(id);
      }
      return { kept, ask };
    },
    keep(openid, answers) {
      storage.setItem(keyOf(openid), JSON.stringify({ ...read(openid), ...answers }));
    },
  };
}
