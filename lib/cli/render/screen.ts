import type { CliIo } from '../cli-io.js';

const ESC = '\u001b[';

/**
 * Draws a block of lines on a terminal, replacing the previous block in place (cursor up, clear
 * each line, clear what is left below). The cursor is hidden while drawing and restored by `end()`.
 */
export class InPlaceScreen {
  private previous = 0;
  private started = false;

  constructor(private readonly io: CliIo) {}

  /** Replaces the previously drawn block with `lines`. */
  draw(lines: readonly string[]): void {
    let text = this.started ? '' : `${ESC}?25l`;
    if (this.previous > 0) text += `${ESC}${this.previous}F`;
    text += lines.map((l) => `${ESC}2K${l}\n`).join('');
    text += `${ESC}0J`;
    this.io.out(text);
    this.previous = lines.length;
    this.started = true;
  }

  /** Shows the cursor again; the last block stays on screen. */
  end(): void {
    if (this.started) this.io.out(`${ESC}?25h`);
    this.started = false;
  }
}
