import { matchMisread, oneCharOff } from './plate-match';

describe('matchMisread', () => {
  it('matches one character off, the province character included', () => {
    expect(oneCharOff('粤B12845', '粤B12345')).toBe(true);
    expect(oneCharOff('湘B12345', '粤B12345')).toBe(true);
    expect(oneCharOff('粤B12345', '粤B12345')).toBe(false);
    expect(oneCharOff('粤B12845', '粤B12346')).toBe(false);
    expect(oneCharOff('粤B123456', '粤B12345')).toBe(false);
    expect(matchMisread('粤B12845', ['粤A99999', '粤B12345'])).toBe('粤B12345');
    expect(matchMisread('湘B12345', ['粤B12345'])).toBe('粤B12345');
  });

  it('refuses to guess between two candidates or without one', () => {
    expect(matchMisread('粤B12345', ['粤B12346', '粤B12347'])).toBeUndefined();
    expect(matchMisread('粤B12345', [])).toBeUndefined();
    expect(matchMisread('粤B12345', ['粤C54321'])).toBeUndefined();
    // The same plate twice (two records of one car) is still one candidate.
    expect(matchMisread('粤B12845', ['粤B12345', '粤B12345'])).toBe('粤B12345');
  });
});
