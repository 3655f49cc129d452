/** An error the API answers with: its status and `{ error: code, message }` (api.md). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
