import type { Rule } from '../../core/types.js';
import { isFalse } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { reportCall } from './support.js';

const HTTP_LIBS = ['requests', 'httpx', 'aiohttp', 'urllib3'];
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream', 'Client', 'AsyncClient', 'TCPConnector', 'ws_connect']);
/** Names whose mere use (call or assignment) turns verification off. */
const INSECURE_REFS: Record<string, string> = {
  'ssl._create_unverified_context': 'an unverified SSL context',
  'ssl.CERT_NONE': 'ssl.CERT_NONE (no certificate check)',
  'ssl._create_stdlib_context': 'an unverified stdlib SSL context',
};

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/tls-verification-disabled',
    title: 'TLS certificate verification disabled in Python HTTP calls',
    severity: 'high',
    description:
      '`requests.get(url, verify=False)`, `httpx.Client(verify=False)`, aiohttp `ssl=False` or `ssl._create_unverified_context()` accept any certificate, ' +
      'so anyone on the network path can read API keys and swap the models, datasets or inference results being transferred.',
    remediation: 'Remove the option. For private CAs pass the CA bundle (`verify="/path/ca.pem"`, `ssl.create_default_context(cafile=...)`) instead of disabling checks.',
    references: ['https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification', 'https://docs.python.org/3/library/ssl.html#security-considerations', 'https://cwe.mitre.org/data/definitions/295.html'],
    tags: ['python', 'tls'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      const lib = call.qname && HTTP_LIBS.includes(call.qname.split('.')[0]);
      if (lib || HTTP_METHODS.has(call.name)) {
        const v = call.kwargs.verify ?? call.kwargs.ssl ?? call.kwargs.verify_ssl;
        if (isFalse(v)) {
          await reportCall(ctx, model, call, { message: `${call.callee}() is called with TLS certificate verification disabled`, key: `${call.qname ?? call.callee}:verify`, at: v });
          continue;
        }
      }
      const what = call.qname ? INSECURE_REFS[call.qname] : undefined;
      if (what) {
        await reportCall(ctx, model, call, { message: `${call.callee}() creates ${what}`, key: call.qname! });
        continue;
      }
      // `wrap_socket(s, cert_reqs=ssl.CERT_NONE)`, `urlopen(u, context=ssl._create_unverified_context)`
      for (const a of [...call.args, ...Object.values(call.kwargs)]) {
        // A value set on the branch where the caller asked for no verification (`else` of `if verify_ssl:`) is their opt-out.
        const q = a.value.kind === 'ref' && !a.value.optOut ? a.value.qname : undefined;
        const argWhat = q ? INSECURE_REFS[q] : undefined;
        if (argWhat) await reportCall(ctx, model, call, { message: `${call.callee}() is given ${argWhat}`, key: `arg:${q}:${call.qname ?? call.callee}`, at: a });
      }
    }
    for (const ref of model.refs) {
      const what = ref.optOut ? undefined : INSECURE_REFS[ref.qname];
      if (what) await reportCall(ctx, model, ref, { message: `${ref.text} uses ${what}`, key: `ref:${ref.qname}` });
    }
  },
};
export default rule;
