import 'reflect-metadata';
import { ArrayMinSize, Matches, ValidateNested } from 'class-validator';
import { graphql, GraphQLError, type GraphQLSchema } from 'graphql';
import { Arg, Authorized, buildSchema, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { InputError, NotFoundError } from '@provision/domain';
import { RequestLedger } from '@provision/audit';
import { generateKeyringConfig, Keyring } from '@provision/crypto';
import { ManualClock } from '@provision/util';
import { authChecker } from './auth-checker.js';
import { formatError, INTERNAL_ERROR_MESSAGE, isUnexpectedError } from './graphql-errors.js';
import { validateArgument } from './validation.js';
import { type RequestContext } from './request-context.js';
import { scalarsMap } from './scalars.js';

@InputType()
class GrantInput {
  @Field()
  @Matches(/^[a-z.]+$/, { message: 'item must be a catalog key' })
  item!: string;
}

@InputType()
class RegisterInput {
  @Field()
  @Matches(/^[a-z-]{3,}$/, { message: 'code must be 3 or more lowercase letters or dashes' })
  code!: string;

  @Field(() => [GrantInput])
  @ValidateNested()
  @ArrayMinSize(1)
  grants!: GrantInput[];
}

@Resolver()
class ProbeResolver {
  @Query(() => String)
  unexpected(): string {
    throw new Error('duplicate key value violates unique constraint: Key (email)=(kim@example.com)');
  }

  @Query(() => String)
  missing(): string {
    throw new NotFoundError('partner');
  }

  @Query(() => Date)
  now(@Ctx() ctx: RequestContext): Date {
    return ctx.clock.now();
  }

  @Authorized('admin:read', 'admin:write')
  @Mutation(() => String)
  register(
    @Arg('input', () => RegisterInput) input: RegisterInput,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): string {
    if (input.code === 'taken' || note === 'taken') throw new InputError('code', 'a partner with this code is already registered');
    return input.code;
  }
}

function contextWith(scopes: string[]): RequestContext {
  return {
    requestId: 'req-1',
    principal: { clientId: 'privacy-admin', kind: 'ADMIN', partnerId: null, scopes: new Set(scopes), tokenId: null, person: null },
    em: undefined as unknown as RequestContext['em'],
    clock: new ManualClock('2026-03-01T12:00:00Z'),
    purpose: null,
    ledger: new RequestLedger(null),
    keyring: Keyring.parse(generateKeyringConfig()),
    fourEyesPublishing: false,
  };
}

describe('GraphQL error mapping', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [ProbeResolver], authChecker, scalarsMap, validateFn: validateArgument });
  });

  async function run(source: string, variables: Record<string, unknown> = {}, scopes = ['admin:read', 'admin:write']) {
    const result = await graphql({ schema, source, variableValues: variables, contextValue: contextWith(scopes) });
    return { data: result.data, errors: (result.errors ?? []).map((error) => formatError(error.toJSON(), error)) };
  }

  const register = 'mutation ($input: RegisterInput!) { register(input: $input) }';

  it('names the invalid field of a class-validator failure, inside the argument', async () => {
    const { errors } = await run(register, { input: { code: 'X', grants: [{ item: 'name' }] } });
    expect(errors).toEqual([
      {
        message: 'code must be 3 or more lowercase letters or dashes',
        locations: expect.any(Array),
        path: ['register'],
        extensions: { code: 'BAD_USER_INPUT', field: 'code' },
      },
    ]);
  });

  it('names a nested invalid field like the domain does', async () => {
    const { errors } = await run(register, { input: { code: 'hanbok', grants: [{ item: 'name' }, { item: 'Bad!' }] } });
    expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'grants[1].item' });
  });

  it('passes a domain InputError through with its field', async () => {
    const { errors } = await run(register, { input: { code: 'taken', grants: [{ item: 'name' }] } });
    expect(errors[0]).toMatchObject({
      message: 'a partner with this code is already registered',
      extensions: { code: 'BAD_USER_INPUT', field: 'code' },
    });
  });

  it('maps NotFoundError to NOT_FOUND', async () => {
    const { errors } = await run('{ missing }');
    expect(errors[0]).toMatchObject({ message: 'partner not found', extensions: { code: 'NOT_FOUND' } });
  });

  it('hides an unexpected error behind a generic message, without stack or data', async () => {
    const { errors } = await run('{ unexpected }');
    expect(errors).toEqual([
      {
        message: INTERNAL_ERROR_MESSAGE,
        locations: expect.any(Array),
        path: ['unexpected'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain('kim@example.com');
  });

  it('refuses a caller without every listed scope, naming the missing one', async () => {
    const { data, errors } = await run(register, { input: { code: 'hanbok', grants: [{ item: 'name' }] } }, ['admin:read']);
    expect(data).toBeNull();
    expect(errors[0]).toMatchObject({ message: 'missing scope admin:write', extensions: { code: 'FORBIDDEN' } });
  });

  it('lets a caller with every listed scope through', async () => {
    const { data, errors } = await run(register, { input: { code: 'hanbok', grants: [{ item: 'name' }] } });
    expect(errors).toEqual([]);
    expect(data).toEqual({ register: 'hanbok' });
  });

  it('serializes dates as ISO date-times', async () => {
    expect((await run('{ now }')).data).toEqual({ now: '2026-03-01T12:00:00.000Z' });
  });

  it('keeps the codes of GraphQL validation and parse errors', () => {
    const validation = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(formatError(validation.toJSON(), validation)).toMatchObject({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const parse = new GraphQLError('Syntax Error: Unexpected Name "quer".', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(formatError(parse.toJSON(), parse).extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('does not echo the value of a bad variable', () => {
    const coercion = new GraphQLError(
      'Variable "$input" got invalid value "010-1234-5678" at "input.phone"; Expected type "Int". Int cannot represent non-integer value: "010-1234-5678"',
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
    const formatted = formatError(coercion.toJSON(), coercion);
    expect(formatted).toEqual({
      message: 'Variable "$input" got an invalid value at "input.phone"',
      extensions: { code: 'BAD_USER_INPUT', field: 'phone' },
    });
  });

  it('drops stack traces and exception details that Apollo may have attached', () => {
    const forbidden = new GraphQLError('missing scope admin:write', { extensions: { code: 'FORBIDDEN' } });
    const formatted = formatError(
      { message: forbidden.message, extensions: { code: 'FORBIDDEN', stacktrace: ['at x'], exception: { a: 1 } } },
      forbidden,
    );
    expect(formatted).toEqual({ message: 'missing scope admin:write', extensions: { code: 'FORBIDDEN' } });
  });

  it('classifies only bugs as unexpected', () => {
    expect(isUnexpectedError(new TypeError('x'))).toBe(true);
    expect(isUnexpectedError(new GraphQLError('x', { extensions: { code: 'SOMETHING_ELSE' } }))).toBe(true);
    expect(isUnexpectedError(new InputError('code', 'bad'))).toBe(false);
  });
});
