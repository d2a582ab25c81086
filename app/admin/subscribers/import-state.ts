import type { FormState } from "@/services/auth/action";

/** The import form's state: the preview to show and, when it is clean, the text to send with "Import". */
export interface ImportState extends FormState {
  preview?: {
    rows: number;
    addCount: number;
    toAdd: { line: number; email: string; components: string[] | null }[];
    mergedCount: number;
    merged: { line: number; email: string; reason: string }[];
    errorCount: number;
    errors: { line: number; message: string }[];
  };
  csv?: string;
}
