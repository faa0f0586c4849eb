// What a Jinja2 server-side template injection needs, as data. Chat templates are rendered by
// llama-cpp-python, transformers, vLLM and others, some without a sandbox (CVE-2024-34359,
// llama-cpp-python's unsandboxed Jinja2 Environment): a template that walks from any object to its
// class, MRO and subclasses, or to a function's globals, reaches `os` and runs commands. Real chat
// templates never need Python dunders, attribute-by-name filters or Flask/Jinja globals.
import type { Severity } from '../../core/types.js';

export interface TemplateIndicator {
  /** Lower-case substring searched in the template (after string concatenations are folded). */
  needle: string;
  severity: Severity;
  label: string;
}

export const TEMPLATE_INDICATORS: TemplateIndicator[] = [
  { needle: '__class__', severity: 'critical', label: 'Python object class access (__class__)' },
  { needle: '__mro__', severity: 'critical', label: 'method resolution order walk (__mro__)' },
  { needle: '__subclasses__', severity: 'critical', label: 'subclass enumeration (__subclasses__)' },
  { needle: '__globals__', severity: 'critical', label: 'function globals access (__globals__)' },
  { needle: '__builtins__', severity: 'critical', label: 'builtins access (__builtins__)' },
  { needle: '__import__', severity: 'critical', label: 'dynamic import (__import__)' },
  { needle: '__base__', severity: 'critical', label: 'base class access (__base__/__bases__)' },
  { needle: '__init__', severity: 'critical', label: 'constructor access (__init__)' },
  { needle: '__getattribute__', severity: 'critical', label: 'attribute lookup by name (__getattribute__)' },
  { needle: '__code__', severity: 'critical', label: 'code object access (__code__)' },
  { needle: '__reduce', severity: 'critical', label: 'pickle protocol access (__reduce__)' },
  { needle: 'popen', severity: 'critical', label: 'process spawning (popen)' },
  { needle: 'subprocess', severity: 'critical', label: 'subprocess module' },
  { needle: 'os.system', severity: 'critical', label: 'os.system' },
  { needle: '.system(', severity: 'critical', label: 'system() call' },
  { needle: 'import_module', severity: 'critical', label: 'importlib.import_module' },
  { needle: 'eval(', severity: 'critical', label: 'eval()' },
  { needle: 'exec(', severity: 'critical', label: 'exec()' },
  { needle: '_templatereference__context', severity: 'critical', label: 'template context escape (self._TemplateReference__context)' },
  { needle: '|attr', severity: 'high', label: 'attribute-by-name filter (|attr)' },
  { needle: 'request.application', severity: 'high', label: 'Flask request.application gadget' },
  { needle: 'lipsum', severity: 'high', label: 'Jinja lipsum global (its __globals__ reach os)' },
  { needle: 'cycler', severity: 'high', label: 'Jinja cycler global (gadget to __init__.__globals__)' },
  { needle: 'joiner', severity: 'high', label: 'Jinja joiner global (gadget to __init__.__globals__)' },
  { needle: 'url_for', severity: 'high', label: 'Flask url_for global (gadget to __globals__)' },
  { needle: 'get_flashed_messages', severity: 'high', label: 'Flask get_flashed_messages global (gadget to __globals__)' },
  { needle: 'self._', severity: 'high', label: 'private template attributes (self._...)' },
  { needle: '.mro(', severity: 'high', label: 'mro() call' },
  { needle: "'_'*", severity: 'high', label: 'underscores built by arithmetic' },
  { needle: '"_"*', severity: 'high', label: 'underscores built by arithmetic' },
  { needle: '\\x5f', severity: 'high', label: 'escaped underscore (\\x5f)' },
  { needle: '\\u005f', severity: 'high', label: 'escaped underscore (\\u005f)' },
  { needle: '\\137', severity: 'high', label: 'escaped underscore (octal \\137)' },
  { needle: '[::-1]', severity: 'medium', label: 'reversed string (name obfuscation)' },
  { needle: '{% import', severity: 'medium', label: 'template import (loads other templates)' },
  { needle: '{% include', severity: 'medium', label: 'template include (loads other templates)' },
  { needle: '{% extends', severity: 'medium', label: 'template extends (loads other templates)' },
  { needle: '{% from', severity: 'medium', label: 'template import (loads other templates)' },
];
