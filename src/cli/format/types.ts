/** What every formatter gets besides the analysis result. */
export interface ReportContext {
  readonly version: string;
  /** The tool's homepage, for SARIF `informationUri` (omitted when there is none). */
  readonly homepage: string | null;
  readonly elapsedMs: number;
  /** ANSI colours (text format only). */
  readonly color: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
  /** How a root-relative file is shown to a person (relative to the working directory, so it is clickable). */
  readonly displayPath: (file: string) => string;
}
