/**
 * A jsforce transport that remembers the HTTP response of the request it
 * carries, so the client can read the status code and the Sforce-Limit-Info
 * header: jsforce's own errors carry only Salesforce's error code.
 *
 * jsforce 3.10 (`HttpApi`) uses `options.transport` when a call passes one to
 * `Connection.request`; a new instance is made for every request.
 */
import Transport from 'jsforce/lib/transport';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types';
import type { StreamPromise } from 'jsforce/lib/util/promise';

export class ObservedTransport extends Transport {
  response: HttpResponse | null = null;

  override httpRequest(request: HttpRequest, options?: HttpRequestOptions): StreamPromise<HttpResponse> {
    const result = super.httpRequest(request, options);
    result.then(
      (response) => {
        this.response = response;
      },
      () => undefined,
    );
    return result;
  }
}
