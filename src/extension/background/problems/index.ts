export { codeOf, problemOf, type Problem } from './problem';
export { forPopup, forReply } from './audiences';
