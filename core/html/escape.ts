/**
 * Text made safe inside HTML, in element content and quoted attribute values alike: `& < > " '`
 * become character references. Every value a server-made page prints goes through it.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
