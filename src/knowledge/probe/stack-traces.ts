// What a stack trace or framework debug page looks like in an error response: plain substrings,
// no regular expression runs on a response body.
export const STACK_TRACE_MARKERS: Array<{ text: string; what: string }> = [
  { text: 'Traceback (most recent call last)', what: 'Python traceback' },
  { text: 'werkzeug.exceptions', what: 'Werkzeug debug output' },
  { text: '\tat java.', what: 'Java stack trace' },
  { text: '\tat org.', what: 'Java stack trace' },
  { text: 'Exception in thread "', what: 'Java stack trace' },
  { text: 'goroutine 1 [', what: 'Go panic trace' },
  { text: 'panic: runtime error', what: 'Go panic' },
  { text: 'node:internal/', what: 'Node.js stack trace' },
];
