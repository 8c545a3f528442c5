// A scripted stand-in for `fetch` and the transport's sleep, so API tests see every request and never wait.
import { RemoteItApi, type AuthProvider, type RemoteItApiOptions } from '../../../src/core/remoteit/api';

export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed JSON body (GraphQL: {query, variables}). */
  json: { query?: string; variables?: Record<string, unknown>; [key: string]: unknown };
}

export type Answer = Response | Error | ((request: SeenRequest) => Response | Error | Promise<Response | Error>);

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const text = (body: string, status: number, headers: Record<string, string> = {}): Response => new Response(body, { status, headers });

/** Answers requests in order from `answers`; the last answer repeats. */
export class FakeApi {
  readonly requests: SeenRequest[] = [];
  readonly sleeps: number[] = [];
  readonly warnings: string[] = [];
  private readonly answers: Answer[];

  constructor(...answers: Answer[]) {
    this.answers = answers;
  }

  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init?.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const body = typeof init?.body === 'string' ? init.body : '';
    const request: SeenRequest = { url: String(input), method: init?.method ?? 'GET', headers, body, json: body ? JSON.parse(body) : {} };
    this.requests.push(request);
    const next = this.answers.length > 1 ? this.answers.shift()! : this.answers[0];
    const answer = typeof next === 'function' ? await next(request) : next;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  }) as typeof fetch;

  api(auth: AuthProvider | undefined = { kind: 'token', token: 'TOKEN-1' }, options: Partial<RemoteItApiOptions> = {}): RemoteItApi {
    return new RemoteItApi(
      {
        baseUrl: 'https://api.example.test',
        fetch: this.fetch,
        sleep: async (ms) => {
          this.sleeps.push(ms);
        },
        onWarning: (w) => this.warnings.push(w),
        clock: { now: () => Date.parse('2024-05-01T12:00:00Z') },
        ...options,
      },
      auth,
    );
  }
}
