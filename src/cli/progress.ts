// A live progress line on stderr, only when stderr is a terminal and not --quiet. Redrawn at most
// ten times a second so that it never costs more than the scan.
import { formatBytes } from '../core/limits.js';
import type { Entry } from '../core/types.js';
import type { CliIO } from './io.js';

export class Progress {
  private files = 0;
  private bytes = 0;
  private last = 0;
  private shown = false;
  constructor(private readonly io: CliIO, private readonly enabled: boolean) {}

  onEntry = (e: Entry): void => {
    if (!this.enabled) return;
    this.files++;
    if (e.kind === 'file') this.bytes += e.size;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const cols = Math.max(40, (this.io.stderr as { columns?: number }).columns ?? 100);
    let line = `scanning ${this.files} entries, ${formatBytes(this.bytes)} — ${e.innerPath ? `${e.path}!${e.innerPath}` : e.path}`;
    if (line.length > cols - 1) line = `${line.slice(0, cols - 4)}...`;
    this.io.stderr.write(`\r\x1b[K${line}`);
    this.shown = true;
  };

  done(): void {
    if (this.shown) this.io.stderr.write('\r\x1b[K');
  }
}
