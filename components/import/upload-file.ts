/**
 * Sends a file to `POST /api/imports` with XMLHttpRequest, because only XMLHttpRequest reports upload
 * progress. The server stores rows while the bytes arrive, so upload progress is storing progress.
 */
import { importUploadUrl, type ImportUploadParams, type ImportUploadResponse } from "@/lib/import/contract";
import type { ImportReport } from "@/lib/import/store/import-report";

export type UploadResult = { ok: true; report: ImportReport } | { ok: false; message: string; cancelled?: boolean };

/** The texts of the browser-side failures, in the user's language. */
export interface UploadMessages {
  connectionLost: string;
  cancelled: string;
  httpError: (status: number) => string;
}

const ENGLISH: UploadMessages = {
  connectionLost: "The connection to the server was lost during the import. Nothing was imported; check the connection and try again.",
  cancelled: "The import was cancelled. Nothing was imported.",
  httpError: (status) => `The server could not import the file (HTTP ${status}). Nothing was imported; try again later.`,
};

export interface UploadHandle {
  result: Promise<UploadResult>;
  /** Stops the upload; the server rolls the import back. */
  cancel(): void;
}

export function uploadImport(
  body: Blob,
  params: ImportUploadParams,
  events: { onProgress?: (sentBytes: number, totalBytes: number) => void; onSent?: () => void; messages?: UploadMessages } = {},
): UploadHandle {
  const messages = events.messages ?? ENGLISH;
  const xhr = new XMLHttpRequest();
  const result = new Promise<UploadResult>((resolve) => {
    xhr.open("POST", importUploadUrl(params));
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (event) => events.onProgress?.(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.upload.onload = () => events.onSent?.();
    xhr.onerror = () => resolve({ ok: false, message: messages.connectionLost });
    xhr.onabort = () => resolve({ ok: false, cancelled: true, message: messages.cancelled });
    xhr.onload = () => {
      let response: ImportUploadResponse | null = null;
      try {
        response = JSON.parse(xhr.responseText) as ImportUploadResponse;
      } catch {
        response = null;
      }
      if (response && "report" in response) resolve({ ok: true, report: response.report });
      else if (response && "error" in response) resolve({ ok: false, message: response.error });
      else resolve({ ok: false, message: messages.httpError(xhr.status) });
    };
    xhr.send(body);
  });
  return { result, cancel: () => xhr.abort() };
}
