// POST /graphql/v1: `{query, variables, operationName}` executed by the reference graphql-js implementation.
// Parse, validation and resolver errors all come back as `errors[{message, …}]`.
import { graphql } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { identifyCaller } from '../auth';
import { parseJson, sendJson, sendText } from '../httpIo';
import type { EmulatorState } from '../state';
import { rootValue } from './resolvers';
import { schema } from './schema';

export const GRAPHQL_PATH = '/graphql/v1';

interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export async function handleGraphQL(state: EmulatorState, req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { errors: [{ message: 'GraphQL requests must be POST' }] }, { allow: 'POST' });
    return;
  }
  const caller = await identifyCaller(state.index, req, raw);
  if ('failure' in caller) {
    sendText(res, 401, 'Unauthorized');
    return;
  }
  const body = parseJson(raw) as GraphQLBody | undefined;
  if (!body || typeof body.query !== 'string') {
    sendJson(res, 400, { errors: [{ message: 'Must provide query string.' }] });
    return;
  }
  const result = await graphql({
    schema,
    source: body.query,
    rootValue: rootValue(state, caller.account),
    variableValues: body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : undefined,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
  });
  sendJson(res, 200, result);
}
