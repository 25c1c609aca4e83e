export { PromptDesk, PromptHandle, UserCancelledError, UserTimeoutError, type PinEntry, type PromptPort, type PromptRequest, type PromptWindows } from './desk';
