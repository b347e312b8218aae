/**
 * The declarations of the contract contributions beyond routes and requests: real-time events (sent or
 * handled message kinds) and documented endpoints. Re-exported by `frameworks/types.ts`.
 */
import type { Sym } from '../resolve/sym';
import type { MethodOrAny, Span } from '../types';

/** A real-time message kind sent or handled (`socket.emit("jobStatus")`, `case "chat":`). */
export interface EventDecl {
  readonly t: 'event';
  readonly file: string;
  readonly fn: string | null;
  readonly side: 'send' | 'receive';
  readonly channel: 'websocket' | 'socketio' | 'sse';
  readonly name: Sym;
  readonly span: Span;
  /** The end of the connection the file is on, when the plugin can tell (a `WebSocketServer` file, a browser client). */
  readonly role?: 'server' | 'client';
  /** Socket.IO: a send's first argument after the name; a handler's use of its first parameter (see {@link ArgShape}). WebSocket: a send's payload. */
  readonly arg?: Sym | ArgShape;
  /** WebSocket: the fields a handler of this kind reads off the message, when every use of it is a named field. */
  readonly reads?: readonly string[];
  /**
   * Django Channels: a message put on the channel layer (`group_send(group, {"type": "job.event", …})`, `arg`
   * is the dict), not sent to any socket itself; the consumer method its type names may forward it.
   */
  readonly layer?: true;
  /**
   * Django Channels: this send forwards the channel-layer message a consumer method was given (`self.send_json(
   * event["payload"])` in `job_event`): `method` is that method's name, `key` the field sent (null: the whole
   * message). Linked to the `layer` sends whose type names the method.
   */
  readonly forward?: { readonly method: string; readonly key: string | null };
}

/** How a value is shaped: an object literal with these keys, or a value used as a string. */
export type ArgShape = { readonly shape: 'object'; readonly keys: readonly string[] } | { readonly shape: 'string' };

export interface EventFact {
  readonly file: string;
  readonly span: Span;
  readonly side: 'send' | 'receive';
  readonly channel: 'websocket' | 'socketio' | 'sse';
  /** The event name, or null when it could not be evaluated. */
  readonly name: string | null;
  readonly role?: 'server' | 'client';
  /** The shape of the payload sent, or of the handler's use of it, when it can be seen. */
  readonly arg?: ArgShape;
  /** The fields a handler reads off the message (see {@link EventDecl.reads}). */
  readonly reads?: readonly string[];
}

/** An endpoint described by documentation (a Markdown table row, an OpenAPI operation). */
export interface DocDecl {
  readonly t: 'doc';
  readonly file: string;
  readonly method: MethodOrAny;
  readonly path: string;
  readonly span: Span;
}
