// Invitation codes as people type them or a scan gives them (server: core/parking/invitation.ts):
// 10 characters of the Crockford alphabet; spaces and dashes ignored; O read as 0, I and L as 1.

const CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The code in what was typed, a scene `i:<code>`, or a printed URL `…?scene=i%3A<code>`. */
export function codeFrom(input: string): string | undefined {
  let text = input.trim();
  const query = /[?&]scene=([^&#]+)/.exec(text);
  if (query) text = safeDecode(query[1] as string);
  text = safeDecode(text);
  const scene = /^i:(.+)$/i.exec(text);
  const code = normalizeCode(scene ? (scene[1] as string) : text);
  return CODE.test(code) ? code : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The code of an invitation's scene (`i:<code>`, bare, encoded or in a printed URL), else undefined. */
export function inviteCodeOfScene(scene: string): string | undefined {
  let text = scene.trim();
  const query = /[?&]scene=([^&#]+)/.exec(text);
  if (query) text = query[1] as string;
  return /^i:/i.test(safeDecode(text)) ? codeFrom(text) : undefined;
}
