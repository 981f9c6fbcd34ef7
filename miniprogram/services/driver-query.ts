import type { PlateChoice } from './driver-types';

// Page queries. Values are encoded by the page that navigates and decoded here (WeChat hands
// onLoad the query as it was written).

export type PageQuery = Record<string, string | undefined>;

export function queryValue(query: PageQuery, key: string): string {
  const raw = query[key];
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function pageUrl(path: string, params: Record<string, string | undefined>): string {
  const parts = Object.keys(params)
    .filter((key) => params[key] !== undefined && params[key] !== '')
    .map((key) => `${key}=${encodeURIComponent(params[key] as string)}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

export function plateParams(choice: PlateChoice): Record<string, string> {
  return 'noPlate' in choice ? { noPlate: '1' } : { plate: choice.plate };
}

export function plateFromQuery(query: PageQuery): PlateChoice | undefined {
  if (queryValue(query, 'noPlate') === '1') return { noPlate: true };
  const plate = queryValue(query, 'plate');
  return plate ? { plate } : undefined;
}
