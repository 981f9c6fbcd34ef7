import {
  FINAL_STATES,
  LIVE_STATES,
  SESSION_STATES,
  STATE_GROUPS,
  STATE_INFO,
} from './session-states';

describe('state groups', () => {
  it('puts every state in a group an operator can filter by', () => {
    const grouped = new Set(STATE_GROUPS.flatMap((g) => g.states));
    expect(SESSION_STATES.filter((s) => !grouped.has(s))).toEqual([]);
  });

  it('lets operators filter the sessions the platform settled', () => {
    expect(STATE_GROUPS.find((g) => g.key === 'settled_by_platform')).toEqual({
      key: 'settled_by_platform',
      label: '平台已结算',
      states: ['settled_by_platform'],
    });
  });

  it('splits the states into live and final ones', () => {
    expect([...LIVE_STATES, ...FINAL_STATES].sort()).toEqual([...SESSION_STATES].sort());
    expect(LIVE_STATES.some((s) => STATE_INFO[s].final)).toBe(false);
    expect(STATE_GROUPS.find((g) => g.key === 'live')?.states).toBe(LIVE_STATES);
  });
});
