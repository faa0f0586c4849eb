import type { Rule } from '../../core/types.js';
import { isTrue, type PyArg } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { ATLAS_USER_EXECUTION, reportCall, via } from './support.js';

// Gradio apps are ML front ends with file upload and often code-running components. `share=True`
// publishes the app through a public *.gradio.live tunnel (no firewall in the way); listening on
// 0.0.0.0 publishes it to the network. Without `auth=` either one is open to anyone.
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

function str(a: PyArg | undefined): string | undefined {
  return a?.value.kind === 'str' ? a.value.value : undefined;
}

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/gradio-public-launch',
    title: 'Gradio app launched publicly (share tunnel or all interfaces) without authentication',
    severity: 'high',
    description:
      '`launch(share=True)` publishes a Gradio app on a public `*.gradio.live` URL through a tunnel, bypassing firewalls and network ' +
      'policies; `server_name="0.0.0.0"` exposes it on every interface. Gradio apps wrap models with file upload and often ' +
      'code-executing components, and several Gradio CVEs (arbitrary file read, SSRF) are reachable without logging in. Without ' +
      '`auth=` anyone who finds the URL can use the model and the GPU behind it. A Blocks mounted into FastAPI with `gr.mount_gradio_app` ' +
      'without `auth=` / `auth_dependency=`, served by `uvicorn.run(host="0.0.0.0")` in the same file, is reported too.',
    remediation:
      'Remove `share=True` outside throw-away demos; bind to 127.0.0.1 and publish through an authenticating reverse proxy, or pass ' +
      '`auth=` (a credentials callback, not literal passwords). Keep Gradio up to date.',
    references: ['https://www.gradio.app/guides/sharing-your-app', 'https://www.gradio.app/docs/gradio/blocks#blocks-launch', 'https://www.gradio.app/docs/gradio/mount_gradio_app', ATLAS_USER_EXECUTION],
    tags: ['python', 'gradio', 'exposure', 'authentication'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    if (!model.imports.includes('gradio')) return;
    // A Blocks mounted into a FastAPI app (`gr.mount_gradio_app`) has no launch(): it is served by
    // uvicorn. Without `auth=` / `auth_dependency=` and with uvicorn on all interfaces it is open.
    const uvicornAll = model.calls.find((c) => (c.qname === 'uvicorn.run' || c.callee === 'uvicorn.run') && ALL_INTERFACES.has(str(c.kwargs.host) ?? ''));
    for (const call of model.calls) {
      if (call.name !== 'mount_gradio_app' || call.opaqueKwargs || !uvicornAll) continue;
      const authed = ['auth', 'auth_dependency'].some((k) => call.kwargs[k] !== undefined && call.kwargs[k].text !== 'None');
      if (authed) continue;
      await reportCall(ctx, model, call, {
        message: `${call.callee}(): the Gradio app is mounted without auth= or auth_dependency= and served by uvicorn.run(host="${str(uvicornAll.kwargs.host)}") (line ${uvicornAll.line}) on every interface`,
        key: 'mount:host',
        severity: 'medium',
      });
    }
    for (const call of model.calls) {
      if (call.name !== 'launch' || call.opaqueKwargs) continue;
      const share = call.kwargs.share;
      const host = str(call.kwargs.server_name);
      const shared = isTrue(share);
      const allInterfaces = host !== undefined && ALL_INTERFACES.has(host);
      if (!shared && !allInterfaces) continue;
      const auth = call.kwargs.auth;
      const authed = auth !== undefined && auth.text !== 'None';
      // Behind its own login on a network interface is the normal secure deployment; a public tunnel stays worth a note.
      if (authed && !shared) continue;
      const what = shared ? `share=True${via(share)} publishes the app on a public gradio.live URL` : `server_name="${host}" exposes the app on every interface`;
      await reportCall(ctx, model, call, {
        message: `${call.callee}(): ${what}${authed ? ' (auth= is set)' : ' and no auth= is set'}`,
        key: `launch:${shared ? 'share' : 'host'}`,
        severity: authed ? 'low' : shared ? 'high' : 'medium',
        at: shared ? share : call.kwargs.server_name,
      });
    }
  },
};
export default rule;
