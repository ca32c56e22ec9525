import { failure, type Dispatch, type Result } from '#core/contract/index.ts';

/** What Electron tells us about the frame that sent an IPC message (`event.senderFrame`). */
export interface SenderFrame {
  readonly url: string;
}

export type GuardedInvoke = (
  sender: SenderFrame | null | undefined,
  command: unknown,
  input: unknown,
) => Promise<Result<unknown>>;

/**
 * The main-process side of every contract call: refuse anything not sent by our own page,
 * then dispatch (which parses the input). Never throws, so a hostile payload cannot crash main.
 */
export function createGuardedInvoke(dispatch: Dispatch, isTrusted: (frameUrl: string | undefined) => boolean): GuardedInvoke {
  return async (sender, command, input) => {
    let url: string | undefined;
    try {
      url = typeof sender?.url === 'string' ? sender.url : undefined;
    } catch {
      url = undefined;
    }
    if (!isTrusted(url)) {
      return failure('UNTRUSTED_SENDER', 'This request did not come from the Ballast window and was refused.');
    }
    try {
      return await dispatch(command, input);
    } catch {
      return failure('INTERNAL', 'Ballast hit an unexpected problem while doing this. The details are in the log file.');
    }
  };
}
