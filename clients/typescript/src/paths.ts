// Types that check a method and path against the services' OpenAPI documents (src/generated).
import type { paths as AccountPaths } from './generated/account.js';
import type { paths as ChatPaths } from './generated/chat.js';
import type { paths as FriendshipPaths } from './generated/friendship.js';

/** Every documented route of the three services, by path template. */
export type ApiPaths = AccountPaths & FriendshipPaths & ChatPaths;

/** The HTTP methods the API uses. */
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Operation<K extends keyof ApiPaths, M extends ApiMethod> = ApiPaths[K] extends { [L in Lowercase<M>]: infer Op }
  ? Op
  : never;

/** The path templates that have an operation for the method. */
export type ApiTemplate<M extends ApiMethod> = {
  [K in keyof ApiPaths]: [Operation<K, M>] extends [never] ? never : K;
}[keyof ApiPaths];

type PathParameters<K extends keyof ApiPaths, M extends ApiMethod> = Operation<K, M> extends {
  parameters: { path: infer P };
}
  ? P
  : {};

/**
 * A path template with each `{parameter}` filled in: a number where the document says the parameter is an integer
 * (so `/v1/users/42` is `/v1/users/{id}` and `/v1/users/me` is not), any text otherwise.
 */
export type Filled<S, Parameters> = S extends `${infer Head}{${infer Name}}${infer Tail}`
  ? `${Head}${Name extends keyof Parameters ? (Parameters[Name] extends number ? number : string) : string}${Filled<Tail, Parameters>}`
  : S;

/** A concrete path of a documented route for the method, e.g. `/v1/conversations/42/messages`. */
export type ApiPath<M extends ApiMethod> = {
  [K in ApiTemplate<M>]: Filled<K, PathParameters<K, M>>;
}[ApiTemplate<M>];

/** The template(s) a concrete path was made from. */
export type TemplateOf<M extends ApiMethod, P extends string> = {
  [K in ApiTemplate<M>]: P extends Filled<K, PathParameters<K, M>> ? K : never;
}[ApiTemplate<M>];

type SuccessBody<Op> = Op extends { responses: infer R }
  ? {
      [C in keyof R]: C extends 200 | 201 | 202 | '200' | '201' | '202'
        ? R[C] extends { content: { 'application/json': infer B } }
          ? B
          : never
        : never;
    }[keyof R]
  : never;

type OrVoid<T> = [T] extends [never] ? void : T;

/** The JSON body a route answers with on success (void for 204). */
export type ApiResponse<M extends ApiMethod, P extends string> = OrVoid<
  { [K in TemplateOf<M, P>]: SuccessBody<Operation<K, M>> }[TemplateOf<M, P>]
>;

type BodyOf<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : unknown;
/** What a route takes besides its path: its query parameters and JSON body, as documented. */
export type ApiRequestInit<M extends ApiMethod, P extends string> = {
  /** Query parameters (the services read them as text); undefined and null values are left out. */
  query?: Record<string, unknown>;
  body?: { [K in TemplateOf<M, P>]: BodyOf<Operation<K, M>> }[TemplateOf<M, P>];
};
