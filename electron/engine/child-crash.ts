/** Why a helper process (recognizer, neural voice) stopped, in words: how, and the tail of its stderr. */
export function crashDescription(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  const reason = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-3)
    .join(' ');
  return `its process stopped (${how})${reason ? `: ${reason}` : ''}`;
}
