import fs from 'node:fs';
import path from 'node:path';

// Text on the driver's screens reads at a contrast of at least 4.5:1 (WCAG 2 AA, normal text):
// every `color` in the driver's style sheets against the rule's own background, or, without one,
// against both the cards (#ffffff) and the page (#f3f3f3, app.wxss). Disabled controls are exempt
// (WCAG 1.4.3).

const ROOT = path.resolve(__dirname, '..', '..', 'miniprogram');
const SHEETS = [
  'app.wxss',
  'pages/driver-common.wxss',
  ...['entry', 'index', 'pay', 'plate', 'receipt', 'roadside', 'sessions'].map(
    (p) => `pages/${p}/${p}.wxss`,
  ),
  ...['fee-lines', 'session-card', 'plate-keyboard'].map((c) => `components/${c}/index.wxss`),
];
const SURFACES = ['#ffffff', '#f3f3f3'];

function luminance(hex: string): number {
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(h.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

interface Rule {
  sheet: string;
  selector: string;
  color?: string;
  background?: string;
}

function rulesOf(sheet: string): Rule[] {
  const text = fs.readFileSync(path.join(ROOT, sheet), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rule[] = [];
  for (const match of text.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const decl = (name: string) =>
      new RegExp(`(?:^|;|\\s)${name}\\s*:\\s*(#[0-9a-fA-F]{3,6})\\b`).exec(match[2]!)?.[1];
    rules.push({
      sheet,
      selector: match[1]!.trim().replace(/\s+/g, ' '),
      color: decl('color')?.toLowerCase(),
      background: (decl('background') ?? decl('background-color'))?.toLowerCase(),
    });
  }
  return rules;
}

const textRules = SHEETS.flatMap(rulesOf).filter(
  (r) => r.color !== undefined && !/disabled/.test(r.selector),
);

// TDesign's colour variables the driver's sheets set (custom properties on page).
const variables = SHEETS.flatMap((sheet) => {
  const text = fs.readFileSync(path.join(ROOT, sheet), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/(--td-[a-z-]*color)\s*:\s*(#[0-9a-fA-F]{3,6})\b/g)].map(
    (m) => [`${sheet} ${m[1]}`, m[2]!.toLowerCase()] as const,
  );
});

test('TDesign cell notes and group titles are set to a readable grey', () => {
  expect(variables.map(([name]) => name)).toEqual(
    expect.arrayContaining([
      'app.wxss --td-cell-note-color',
      'app.wxss --td-cell-group-title-color',
    ]),
  );
});

test.each(variables)('%s reads at 4.5:1 or more', (_name, color) => {
  for (const surface of SURFACES) expect(contrast(color, surface)).toBeGreaterThanOrEqual(4.5);
});

test('the ratio is computed as WCAG defines it', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  expect(contrast('#888888', '#ffffff')).toBeCloseTo(3.54, 2);
});

test('the sheets are read (secondary text, notices, fee lines are among them)', () => {
  const selectors = textRules.map((r) => r.selector);
  expect(selectors).toEqual(
    expect.arrayContaining(['.muted', '.notice--ok', '.notice--error', '.session-card__meta']),
  );
});

test.each(textRules.map((r) => [`${r.sheet} ${r.selector}`, r] as const))(
  '%s reads at 4.5:1 or more',
  (_name, rule) => {
    for (const surface of rule.background ? [rule.background] : SURFACES) {
      expect(contrast(rule.color!, surface)).toBeGreaterThanOrEqual(4.5);
    }
  },
);
