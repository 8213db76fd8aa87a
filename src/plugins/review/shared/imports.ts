/**
 * Request and response shapes of the registration import and the year-end
 * report, shared by the server and the admin pages.
 */

/** One problem of an import file: where (row and column as the spreadsheet shows them) and what, in Vietnamese. */
export type ImportProblem = {
  /** Row number in the sheet (1 is the header row); null for the whole file. */
  row: number | null;
  /** Column letter (A, B, ...); null for the whole row or file. */
  column: string | null;
  header: string | null;
  message: string;
};

/** A row of the file as it will be (or was) imported. */
export type ImportRowSummary = {
  row: number;
  reference: string;
  unitCode: string;
  unitName: string;
  year: number;
  title: string;
  status: 'draft' | 'submitted';
  outcome: 'recognized' | 'not_recognized' | null;
  /** Imported earlier (same reference): skipped. */
  existing: boolean;
  documentId: string | null;
};

export type ImportReport = {
  fileName: string;
  /** true after a commit; false for a dry run. */
  committed: boolean;
  rows: number;
  /** Rows that would be (or were) created. */
  toCreate: number;
  /** Rows already imported before (same reference): nothing is created for them. */
  alreadyImported: number;
  drafts: number;
  submitted: number;
  withOutcome: number;
  problems: ImportProblem[];
  /** The first rows, for the preview table. */
  preview: ImportRowSummary[];
};

export type YearReportInput = { year: number; unit?: string | null; category: string };

export type YearReportResult = {
  documentId: string;
  title: string;
  created: boolean;
  /** The article also has a published version, which regeneration left unchanged. */
  hasPublishedVersion: boolean;
  attachment: { id: number; name: string; url: string } | null;
  total: number;
};
