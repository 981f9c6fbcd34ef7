// What `npm run deploy:database` has to do: cloudbase/database.json (wanted) against what the
// environment has (found), as a list of steps. Pure; deploy-database.ts reads and applies.

export interface ManifestIndex {
  name: string;
  unique: boolean;
  keys: Array<{ name: string; direction: string }>;
}
export interface ManifestCollection {
  name: string;
  securityRule: unknown;
  indexes: ManifestIndex[];
}

export interface FoundCollection {
  exists: boolean;
  indexes: Array<{
    Name: string;
    Unique: boolean;
    Keys: Array<{ Name?: string; Direction?: string }>;
  }>;
  permission?: { Permission?: string; SecurityRule?: string };
}

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: ManifestIndex }
  | { kind: 'setRule'; collection: string; rule: string }
  | { kind: 'conflict'; collection: string; message: string };

const keysText = (keys: Array<{ name?: string; direction?: string }>) =>
  keys.map((k) => `${k.name ?? ''}:${k.direction ?? ''}`).join(',');

/** Rules compare as JSON values, not as text (the console may store them re-formatted). */
function sameRule(found: string | undefined, wanted: string): boolean {
  try {
    return found !== undefined && JSON.stringify(JSON.parse(found)) === wanted;
  } catch {
    return false;
  }
}

export function planDatabase(
  wanted: ManifestCollection[],
  found: Map<string, FoundCollection>,
): Step[] {
  const steps: Step[] = [];
  for (const c of wanted) {
    const have = found.get(c.name) ?? { exists: false, indexes: [] };
    if (!have.exists) steps.push({ kind: 'createCollection', collection: c.name });
    for (const index of c.indexes) {
      const same = have.indexes.find((i) => i.Name === index.name);
      if (!same) {
        steps.push({ kind: 'createIndex', collection: c.name, index });
      } else if (
        same.Unique !== index.unique ||
        keysText(same.Keys.map((k) => ({ name: k.Name, direction: k.Direction }))) !==
          keysText(index.keys)
      ) {
        steps.push({
          kind: 'conflict',
          collection: c.name,
          message: `index ${index.name} exists with other keys or uniqueness: drop it in the console, then run again`,
        });
      }
    }
    const rule = JSON.stringify(c.securityRule);
    if (!(
      have.permission?.Permission === 'CUSTOM' && sameRule(have.permission.SecurityRule, rule)
    )) {
      steps.push({ kind: 'setRule', collection: c.name, rule });
    }
  }
  return steps;
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createCollection':
      return `create collection ${step.collection}`;
    case 'createIndex':
      return `create index ${step.collection}.${step.index.name} (${keysText(step.index.keys)}${step.index.unique ? ', unique' : ''})`;
    case 'setRule':
      return `set security rule of ${step.collection} to ${step.rule}`;
    case 'conflict':
      return `CONFLICT ${step.collection}: ${step.message}`;
  }
}
