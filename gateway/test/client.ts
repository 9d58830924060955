/**
 * A small GraphQL-over-HTTP client for tests, with a cookie jar of one
 * session cookie, so each client acts like one browser.
 */
export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: Data | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, any>;
  }[];
  /** The raw response body. */
  text: string;
}

export class TestClient {
  /** Session cookie as sent back to the server ("rover_session=..."), or null. */
  cookie: string | null = null;
  /** Every Set-Cookie header received, newest last. */
  readonly setCookies: string[] = [];

  constructor(readonly baseUrl: string) {}

  async graphql<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>> {
    return this.post('/graphql', JSON.stringify({ query, variables }));
  }

  /** Sends a raw body to /graphql, for malformed requests. */
  async post<Data = Record<string, any>>(urlPath: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResponse<Data>> {
    const response = await fetch(`${this.baseUrl}${urlPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.cookieHeader(), ...headers },
      body,
    });
    return this.readGraphQL<Data>(response);
  }

  async get(urlPath: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${urlPath}`, { headers: { ...this.cookieHeader(), ...headers } });
    this.storeCookies(response);
    return response;
  }

  /** Signs in and returns the response; throws when sign-in fails. */
  async signIn(email: string, password: string): Promise<GraphQLResponse> {
    const response = await this.graphql(
      'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { viewer { email role } } }',
      { email, password },
    );
    if (response.errors !== undefined) {
      throw new Error(`Sign-in of ${email} failed: ${JSON.stringify(response.errors)}`);
    }
    return response;
  }

  private async readGraphQL<Data>(response: Response): Promise<GraphQLResponse<Data>> {
    this.storeCookies(response);
    const text = await response.text();
    let body: { data?: Data | null; errors?: GraphQLResponse['errors'] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = {};
    }
    return { status: response.status, headers: response.headers, text, ...body };
  }

  private cookieHeader(): Record<string, string> {
    return this.cookie === null ? {} : { cookie: this.cookie };
  }

  private storeCookies(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair = ''] = header.split(';');
      const [name, ...valueParts] = pair.split('=');
      if (name?.trim() !== 'rover_session') {
        continue;
      }
      const value = valueParts.join('=');
      const expired = value === '' || /max-age=0/i.test(header) || /expires=thu, 01 jan 1970/i.test(header);
      this.cookie = expired ? null : `rover_session=${value}`;
    }
  }
}

export async function signedInClient(baseUrl: string, email: string, password = 'portal-demo'): Promise<TestClient> {
  const client = new TestClient(baseUrl);
  await client.signIn(email, password);
  return client;
}
