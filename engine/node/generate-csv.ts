import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { headerLine, rowLine, type CsvSink } from '../generate/tables';

const FLUSH_CHARS = 1 << 21;

/** Writes a CSV file (a new one: it must not exist) in large chunks: lines are collected and written about every 2 MB. */
export class CsvFileWriter implements CsvSink {
  private readonly fd: number;
  private readonly parts: string[] = [];
  private chars = 0;
  bytes = 0;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'wx');
    this.push(headerLine(header));
  }

  line(text: string): void {
    this.rows++;
    this.push(text);
  }

  chunk(text: string, rows: number): void {
    this.rows += rows;
    this.push(text);
  }

  row(cells: readonly (string | number)[]): void {
    this.line(rowLine(cells));
  }

  close(): void {
    try {
      this.flush();
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }

  private push(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.bytes += writeSync(this.fd, this.parts.join(''));
    this.parts.length = 0;
    this.chars = 0;
  }
}
