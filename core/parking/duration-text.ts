/** A duration for people: '2 天 3 小时 5 分钟', '45 分钟', '30 秒'. Whole units, rounded down. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts: string[] = [];
  if (days) parts.push(`${days} 天`);
  if (hours) parts.push(`${hours} 小时`);
  if (minutes) parts.push(`${minutes} 分钟`);
  return parts.length ? parts.join(' ') : '0 分钟';
}
