// The one wrapper around Office's callback APIs: resolves with the value or
// rejects with an Error (never throws inside the callback).
export function officeAsync<T>(call: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      call((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
        else reject(new Error(result.error?.message ?? 'Outlook could not complete the request', { cause: result.error }));
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
