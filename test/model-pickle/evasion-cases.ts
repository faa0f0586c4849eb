// Published scanner evasions (picklescan, modelscan, fickling, ModelAudit advisories and vendor
// write-ups), each rebuilt by hand as bytes; evasions.test.ts scans them the way a user would
// (scanPaths on a file) and scripts/fixtures/model-pickle/evasion-table.ts prints the rows of
// docs/model-evasions.md from them (a row names its test by `name`). Every payload is harmless if
// ever loaded (the "commands" are `echo mlwarden-test`), and nothing here is ever unpickled.
//
// Sources (cited per case below):
//  picklescan advisories and fixes: https://github.com/mmaitre314/picklescan/security ,
//    https://github.com/mmaitre314/picklescan/pull/50 , /pull/53 , /pull/65 , /pull/74 , /issues/66 , /issues/14 , /issues/22
//  Sonatype (CVE-2025-1716, -1889, -1944, -1945): https://www.sentinelone.com/vulnerability-database/cve-2025-1716/ ,
//    https://cvetodo.com/cve/CVE-2025-1889
//  JFrog (CVE-2025-10155/10156/10157): https://jfrog.com/blog/unveiling-3-zero-day-vulnerabilities-in-picklescan/
//  fickling integration of those bypasses: https://github.com/trailofbits/fickling/pull/210 , /pull/195 , /pull/302 , /pull/249 , /pull/108
//  modelscan gaps: https://github.com/protectai/modelscan/pull/313 , https://github.com/protectai/modelscan/issues/85
//  ModelAudit blocklist: https://github.com/promptfoo/modelaudit/pull/581
//  stdlib RCE modules (CVE-2026-56315): https://aithreatalert.com/cve/CVE-2026-56315
//  logging.FileHandler (CVE-2026-56304): https://aithreatalert.com/cve/CVE-2026-56304
//  ReversingLabs nullifAI: https://safeguard.sh/resources/blog/nullifai-broken-pickles-huggingface-attack
import { gzipSync } from 'node:zlib';
import { buildZip } from '../helpers/zip-writer.js';

export const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;
export type Sev = keyof typeof RANK;

export const L = (s: string) => Buffer.from(s, 'latin1');
export const cat = (...parts: Array<string | Buffer | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? L(p) : Array.isArray(p) ? Buffer.from(p) : p)));
/** SHORT_BINUNICODE */
export const sbu = (s: string) => cat([0x8c, Buffer.byteLength(s)], Buffer.from(s));
export const CMD = 'echo mlwarden-test';
/** Protocol 0: GLOBAL module name, call with one string. */
export const p0 = (mod: string, name: string, arg = CMD) => L(`c${mod}\n${name}\n(S'${arg}'\ntR.`);
/** Protocol 4: STACK_GLOBAL on SHORT_BINUNICODE operands, call with one string. */
export const p4 = (mod: string, name: string, arg = CMD) => cat([0x80, 4], sbu(mod), sbu(name), [0x93], sbu(arg), [0x85, 0x52, 0x2e]);
/** A PyTorch zip checkpoint holding `pkl` as archive/data.pkl. */
export const torchZip = (pkl: Buffer, top = 'archive') =>
  buildZip([
    { name: `${top}/data.pkl`, data: pkl },
    { name: `${top}/version`, data: '3\n' },
    { name: `${top}/data/0`, data: Buffer.alloc(16) },
  ]);

export interface Case {
  /** Test name (also the row key in docs/model-evasions.md). */
  name: string;
  file: string;
  bytes: Buffer;
  /** Rule that must carry the verdict; severity at least `min` (default high). */
  rule?: string;
  min?: Sev;
  /** Inner path the finding must be located at (archive members). */
  inner?: string;
  source: string;
}

export const cases: Case[] = [
  // --- blocklist gaps: dangerous functions in modules scanners did not list ---
  { name: 'pip.main installs packages (CVE-2025-1716)', file: 'pip_main.pkl', bytes: p0('pip', 'main'), rule: 'model/pickle-dangerous-global', source: 'https://www.sentinelone.com/vulnerability-database/cve-2025-1716/' },
  { name: 'uuid._get_command_stdout runs a program (CVE-2026-56315)', file: 'uuid_cmd.pkl', bytes: p4('uuid', '_get_command_stdout'), rule: 'model/pickle-dangerous-global', source: 'https://aithreatalert.com/cve/CVE-2026-56315' },
  { name: '_pyrepl.pager.pipe_pager runs a shell command (CVE-2026-56315)', file: 'pyrepl_pager.pkl', bytes: p4('_pyrepl.pager', 'pipe_pager'), rule: 'model/pickle-dangerous-global', source: 'https://aithreatalert.com/cve/CVE-2026-56315' },
  { name: '_osx_support._read_output runs a shell command (CVE-2026-56315)', file: 'osx_support.pkl', bytes: p4('_osx_support', '_read_output'), rule: 'model/pickle-dangerous-global', source: 'https://aithreatalert.com/cve/CVE-2026-56315' },
  { name: '_aix_support._read_cmd_output runs a shell command (CVE-2026-56315)', file: 'aix_support.pkl', bytes: p4('_aix_support', '_read_cmd_output'), rule: 'model/pickle-dangerous-global', source: 'https://aithreatalert.com/cve/CVE-2026-56315' },
  { name: 'imaplib.IMAP4_stream runs a command (CVE-2026-56315)', file: 'imaplib_stream.pkl', bytes: p4('imaplib', 'IMAP4_stream'), rule: 'model/pickle-dangerous-global', source: 'https://aithreatalert.com/cve/CVE-2026-56315' },
  { name: 'logging.FileHandler creates files (CVE-2026-56304)', file: 'logging_filehandler.pkl', bytes: p4('logging', 'FileHandler', '/tmp/mlwarden-test'), rule: 'model/pickle-dangerous-global', source: 'https://aithreatalert.com/cve/CVE-2026-56304' },
  { name: '_interpreters.run_string runs source in a subinterpreter (fickling GHSA-6ggj-6f2q-f7mx)', file: 'interpreters.pkl', bytes: p4('_interpreters', 'run_string'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/302' },
  { name: '_xxsubinterpreters.run_string (older Pythons, fickling GHSA-6ggj-6f2q-f7mx)', file: 'xxsubinterpreters.pkl', bytes: p4('_xxsubinterpreters', 'run_string'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/302' },
  { name: 'asyncio submodule class _UnixSubprocessTransport (CVE-2025-10157)', file: 'asyncio_transport.pkl', bytes: p4('asyncio.unix_events', '_UnixSubprocessTransport'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: '_asyncio / asyncio.subprocess.create_subprocess_shell', file: 'asyncio_shell.pkl', bytes: p4('asyncio.subprocess', 'create_subprocess_shell'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/50' },
  { name: '_operator.attrgetter (C module name of operator, GHSA-m273-6v24-x4m4)', file: 'c_operator.pkl', bytes: p4('_operator', 'attrgetter', 'system'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'operator.itemgetter on module dicts (GHSA-955r-x9j8-7rhh)', file: 'itemgetter.pkl', bytes: p4('operator', 'itemgetter', 'os'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'distutils.file_util.write_file writes files (CVE-2025-10155/10156 follow-ups)', file: 'distutils_write.pkl', bytes: p4('distutils.file_util', 'write_file', '/tmp/mlwarden-test'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: '_io.FileIO opens files', file: 'io_fileio.pkl', bytes: p4('_io', 'FileIO', '/tmp/mlwarden-test'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'torch.utils._config_module load_config (nested unpickle/exec)', file: 'torch_config_module.pkl', bytes: p4('torch.utils._config_module', 'ConfigModule'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'numpy.testing._private.utils.runstring exec()s a string', file: 'np_runstring.pkl', bytes: p0('numpy.testing._private.utils', 'runstring'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'numpy.f2py.crackfortran.getlincoef evals (fickling #210)', file: 'f2py.pkl', bytes: p4('numpy.f2py.crackfortran', 'getlincoef'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'code.InteractiveInterpreter.runcode (dotted name)', file: 'code_interp.pkl', bytes: p4('code', 'InteractiveInterpreter.runcode'), source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'idlelib.pyshell.ModifiedInterpreter.runcode (GHSA-r8g5-cgf2-4m4m)', file: 'idlelib.pkl', bytes: p4('idlelib.pyshell', 'ModifiedInterpreter.runcode'), source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'lib2to3.pgen2.driver.load_grammar unpickles a grammar file (GHSA-r8g5-cgf2-4m4m)', file: 'lib2to3.pkl', bytes: p4('lib2to3.pgen2.driver', 'load_grammar', '/tmp/x.pickle'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'pty.spawn runs a program (fickling #108)', file: 'pty_spawn.pkl', bytes: L(`(cpty\nspawn\nS"${CMD}"\no.`), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/108' },
  { name: 'timeit.timeit runs a code string (GHSA-4675-36f9-wf6r)', file: 'timeit.pkl', bytes: p4('timeit', 'timeit'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'cProfile.run runs a code string', file: 'cprofile.pkl', bytes: p4('cProfile', 'run'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'profile.run runs a code string', file: 'profile.pkl', bytes: p4('profile', 'run'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'trace.Trace.runctx (dotted)', file: 'trace.pkl', bytes: p4('trace', 'Trace.runctx'), source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'venv.create runs ensurepip (GHSA-vqmv-47xg-9wpr)', file: 'venv.pkl', bytes: p4('venv', 'create', '/tmp/mlwarden-test'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'ensurepip._run_pip installs packages', file: 'ensurepip.pkl', bytes: p4('ensurepip', '_run_pip'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'setuptools.sandbox.run_setup runs setup.py', file: 'setuptools.pkl', bytes: p4('setuptools.sandbox', 'run_setup'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'webbrowser.open runs a browser program', file: 'webbrowser.pkl', bytes: p4('webbrowser', 'open', 'http://127.0.0.1/'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'bdb.Bdb.run (dotted, debugger runs code)', file: 'bdb.pkl', bytes: p4('bdb', 'Bdb.run'), source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'pdb.run runs a code string', file: 'pdb.pkl', bytes: p0('pdb', 'run'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'doctest.debug_script runs code', file: 'doctest.pkl', bytes: p4('doctest', 'debug_script'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'torch._dynamo.guards.GuardBuilder.get evals (modelscan #313)', file: 'dynamo_guard.pkl', bytes: p4('torch._dynamo.guards', 'GuardBuilder.get'), source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'torch._inductor.codecache compiles and loads code', file: 'inductor.pkl', bytes: p4('torch._inductor.codecache', 'compile_file'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'torch.fx.experimental.symbolic_shapes evaluates guard expressions (modelscan #313)', file: 'fx_symbolic.pkl', bytes: p4('torch.fx.experimental.symbolic_shapes', 'ShapeEnv'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'torch.fx.graph_module._forward_from_src execs Python source', file: 'fx_forward_src.pkl', bytes: p4('torch.fx.graph_module', '_forward_from_src', 'import os'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'torch.utils.bottleneck.__main__.run_cprofile runs code (modelscan #313)', file: 'bottleneck.pkl', bytes: p4('torch.utils.bottleneck.__main__', 'run_cprofile'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'torch.jit.CompilationUnit compiles TorchScript source', file: 'jit_cu.pkl', bytes: p4('torch.jit', 'CompilationUnit', 'def f(x): return x'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'torch.package.PackageImporter imports code shipped in a package', file: 'torch_package.pkl', bytes: p4('torch.package.package_importer', 'PackageImporter', '/tmp/x.pt'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  // --- nested deserialisers ---
  { name: 'torch.load inside a pickle', file: 'nested_torch_load.pkl', bytes: p4('torch', 'load', '/tmp/x.pt'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'numpy.load(allow_pickle) inside a pickle', file: 'nested_numpy_load.pkl', bytes: p4('numpy', 'load', '/tmp/x.npy'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'joblib.load inside a pickle', file: 'nested_joblib_load.pkl', bytes: p4('joblib', 'load', '/tmp/x.joblib'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'sklearn.externals.joblib.load re-export (a dangerous function under an allowed package)', file: 'sklearn_joblib_load.pkl', bytes: p4('sklearn.externals.joblib', 'load', '/tmp/x.joblib'), source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: '_pickle.loads of an inline nested pickle (GHSA-84r2-jw7c-4r5q)', file: 'nested_cpickle.pkl', bytes: cat([0x80, 4], sbu('_pickle'), sbu('loads'), [0x93], [0x43, p0('os', 'system').length], p0('os', 'system'), [0x85, 0x52, 0x2e]), rule: 'model/pickle-nested', source: 'https://github.com/trailofbits/fickling/pull/210' },
  // --- resolvers and gadgets ---
  { name: 'sys.modules lookup (STACK_GLOBAL sys modules)', file: 'sys_modules.pkl', bytes: cat([0x80, 4], sbu('sys'), sbu('modules'), [0x93, 0x2e]), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/15' },
  { name: 'builtins.getattr(importlib.import_module("os"), "system") chain (picklescan #66)', file: 'getattr_chain.pkl', bytes: cat([0x80, 4], sbu('builtins'), sbu('getattr'), [0x93], sbu('importlib'), sbu('import_module'), [0x93], sbu('os'), [0x85, 0x52], sbu('system'), [0x86, 0x52], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-indirect-reference', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'functools.reduce calls a callable', file: 'functools_reduce.pkl', bytes: p4('functools', 'reduce'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'copyreg.add_extension registers an EXT code at load time', file: 'copyreg_add_ext.pkl', bytes: cat([0x80, 2], L('ccopyreg\nadd_extension\n'), sbu('os'), sbu('system'), L('K\x07'), [0x87, 0x52, 0x30, 0x82, 0x07], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'EXT2 opcode (copyreg registry, fail closed)', file: 'ext2.pkl', bytes: cat([0x80, 2, 0x83, 0x07, 0x01], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-indirect-reference', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'EXT4 opcode (copyreg registry, fail closed)', file: 'ext4.pkl', bytes: cat([0x80, 2, 0x84, 0x07, 0x01, 0, 0], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-indirect-reference', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'scanner tampering: importing picklescan/fickling in a model (fickling #249)', file: 'scanner_tamper.pkl', bytes: p4('picklescan.scanner', 'scan_pickle_bytes'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/249' },
  // --- opcode forms ---
  { name: 'protocol-0 OBJ opcode calls os.system', file: 'obj_opcode.pkl', bytes: L(`(cos\nsystem\nS'${CMD}'\no.`), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/trailofbits/fickling/pull/108' },
  { name: 'NEWOBJ on subprocess.Popen', file: 'newobj_popen.pkl', bytes: cat([0x80, 2], L('csubprocess\nPopen\n'), sbu(CMD), [0x85, 0x81, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'NEWOBJ_EX on subprocess.Popen with keyword arguments', file: 'newobj_ex_popen.pkl', bytes: cat([0x80, 4], sbu('subprocess'), sbu('Popen'), [0x93], sbu(CMD), [0x85, 0x7d], sbu('shell'), [0x88, 0x73, 0x92, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'payload built inside a BINPERSID argument', file: 'persid_payload.pkl', bytes: cat([0x80, 2], L(`cos\nsystem\n`), sbu(CMD), [0x85, 0x52, 0x51, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'protocol-0 PERSID argument next to a payload', file: 'persid_p0.pkl', bytes: L(`cos\nsystem\n(S'${CMD}'\ntRP0\n0.`), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'STACK_GLOBAL on BINUNICODE8 / SHORT_BINSTRING operands (modelscan #313)', file: 'stack_global_strings.pkl', bytes: cat([0x80, 4, 0x8d, 2, 0, 0, 0, 0, 0, 0, 0], 'os', [0x55, 6], 'system', [0x93], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'STACK_GLOBAL on protocol-0 STRING operands with escapes', file: 'stack_global_escapes.pkl', bytes: L(`S'o\\x73'\nS'sy\\x73tem'\n\x93(S'${CMD}'\ntR.`), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'STACK_GLOBAL on raw-unicode-escape UNICODE operands', file: 'stack_global_unicode.pkl', bytes: L(`Vo\\u0073\nVsy\\u0073tem\n\x93(V${CMD}\ntR.`), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'PROTO 2 header on a stream of protocol-4 opcodes', file: 'proto_mismatch.pkl', bytes: cat([0x80, 2], sbu('os'), sbu('system'), [0x93], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/protectai/modelscan/pull/313' },
  { name: 'a second PROTO opcode mid-stream', file: 'proto_midstream.pkl', bytes: cat([0x80, 2, 0x4b, 1, 0x30, 0x80, 4], sbu('os'), sbu('system'), [0x93], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/protectai/modelscan/pull/313' },
  // --- file naming and containers ---
  { name: 'protocol-0 pickle named .bin (CVE-2025-1889 / CVE-2025-10155)', file: 'pytorch_model.bin', bytes: p0('os', 'system'), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://cvetodo.com/cve/CVE-2025-1889' },
  { name: 'protocol-2 pickle named .pt that is not a zip (CVE-2025-10155)', file: 'not_a_zip.pt', bytes: cat([0x80, 2], L('cos\nsystem\n'), sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://jfrog.com/blog/unveiling-3-zero-day-vulnerabilities-in-picklescan/' },
  { name: 'pickle with no extension at all', file: 'model_weights', bytes: p0('os', 'system'), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://cvetodo.com/cve/CVE-2025-1889' },
  { name: 'pickle named .safetensors', file: 'model.safetensors', bytes: p4('os', 'system'), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://cvetodo.com/cve/CVE-2025-1889' },
  { name: 'protocol-0 pickle named .json', file: 'config.json', bytes: p0('os', 'system'), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://cvetodo.com/cve/CVE-2025-1889' },
  { name: 'torch zip under a non-standard top folder and extension', file: 'weights.ckpt', bytes: torchZip(p0('os', 'system'), 'anything_at_all'), rule: 'model/pickle-dangerous-global', min: 'critical', inner: 'anything_at_all/data.pkl', source: 'https://cvetodo.com/cve/CVE-2025-1889' },
  // torch 1.13 (miniz) checked here: flag bits 0, 5, 6 in the LOCAL header only -> torch.load still reads the member,
  // in the central directory -> torch refuses the archive (so that form is only a coverage gap, tested below).
  { name: 'torch zip whose data.pkl local header sets encrypted/patch/strong-encryption flag bits (CVE-2025-1945)', file: 'flag_bits.pt', bytes: setFlag(torchZip(p0('os', 'system')), 'archive/data.pkl', 0x0061, false), rule: 'model/pickle-dangerous-global', min: 'critical', inner: 'archive/data.pkl', source: 'https://versaaihub.com/?p=12954' },
  { name: 'torch zip with a bad CRC on data.pkl (CVE-2025-10156)', file: 'bad_crc.pt', bytes: badCrc(torchZip(p0('os', 'system')), 'archive/data.pkl'), rule: 'model/pickle-dangerous-global', min: 'critical', inner: 'archive/data.pkl', source: 'https://jfrog.com/blog/unveiling-3-zero-day-vulnerabilities-in-picklescan/' },
  { name: 'pickle inside a plain zip member named .pkl', file: 'bundle.zip', bytes: buildZip([{ name: 'models/evil.pkl', data: p0('os', 'system') }]), rule: 'model/pickle-dangerous-global', min: 'critical', inner: 'models/evil.pkl', source: 'https://cvetodo.com/cve/CVE-2025-1889' },
  { name: 'nullifAI: payload first, then a broken stream, in a torch zip', file: 'nullifai.pt', bytes: torchZip(cat(L(`cos\nsystem\n(S'${CMD}'\ntR`), [0xff, 0xfe])), rule: 'model/pickle-dangerous-global', min: 'critical', inner: 'archive/data.pkl', source: 'https://safeguard.sh/resources/blog/nullifai-broken-pickles-huggingface-attack' },
  { name: 'npz member holding an object array payload', file: 'arrays.npz', bytes: buildZip([{ name: 'arr_0.npy', data: npyObject(cat([0x80, 2], L('cos\nsystem\n'), sbu(CMD), [0x85, 0x52, 0x2e])) }]), rule: 'model/pickle-dangerous-global', min: 'critical', inner: 'arr_0.npy', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  // --- second batch: memo/stack forms, attribute walks from allowed classes, more containers ---
  { name: 'DUP of an imported global, then the copy is called', file: 'dup_call.pkl', bytes: L(`cos\nsystem\n2(S'${CMD}'\ntR.`), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/22' },
  { name: 'global memoised with LONG_BINPUT and called through LONG_BINGET', file: 'long_binget.pkl', bytes: cat([0x80, 2], L('cos\nsystem\n'), [0x72, 0x10, 0x27, 0, 0, 0x30, 0x6a, 0x10, 0x27, 0, 0], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/22' },
  { name: 'attribute walk from an allowlisted class (OrderedDict.__init__.__globals__)', file: 'allowed_class_walk.pkl', bytes: p4('collections', 'OrderedDict.__init__.__globals__'), rule: 'model/pickle-indirect-reference', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'a module re-exported under an underscore alias (collections._sys)', file: 'underscore_alias.pkl', bytes: cat([0x80, 4], sbu('collections'), sbu('_sys'), [0x93, 0x2e]), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/15' },
  { name: '__builtins__ of an allowlisted module (torch.__builtins__)', file: 'module_builtins.pkl', bytes: cat([0x80, 4], sbu('torch'), sbu('__builtins__'), [0x93, 0x2e]), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/15' },
  { name: 'getattr on an allowed module object (numpy.sys.modules via getattr)', file: 'getattr_numpy_sys.pkl', bytes: cat([0x80, 4], sbu('builtins'), sbu('getattr'), [0x93], sbu('numpy'), sbu('sys'), [0x93], sbu('modules'), [0x86, 0x52, 0x2e]), min: 'critical', source: 'https://github.com/trailofbits/fickling/pull/15' },
  { name: 'payload passed as an argument to an allowlisted rebuild helper', file: 'payload_in_rebuild_args.pkl', bytes: cat([0x80, 2], L('ctorch._utils\n_rebuild_tensor_v2\n'), L('cos\nsystem\n'), sbu(CMD), [0x85, 0x52, 0x85, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/protectai/modelscan/issues/85' },
  { name: 'payload in a later stream of a stacked (legacy torch) pickle file', file: 'stacked_legacy.pt', bytes: cat(L('\x80\x02\x8a\nl\xfc\x9cF\xf9 j\xa8P\x19.'), L('\x80\x02M\xe9\x03.'), p0('os', 'system')), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'torch zip whose data.pkl is deflate-compressed', file: 'deflated.pt', bytes: buildZip([{ name: 'archive/data.pkl', data: p0('os', 'system'), deflate: true }, { name: 'archive/version', data: '3\n' }]), rule: 'model/pickle-dangerous-global', min: 'critical', inner: 'archive/data.pkl', source: 'https://versaaihub.com/?p=12954' },
  { name: 'torch checkpoint zipped inside another zip', file: 'outer.zip', bytes: buildZip([{ name: 'release/model.pt', data: torchZip(p0('os', 'system')) }]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://safeguard.sh/resources/blog/nullifai-broken-pickles-huggingface-attack' },
  { name: 'gzip-wrapped pickle named .pt.gz', file: 'model.pt.gz', bytes: gzipSync(p0('os', 'system')), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://safeguard.sh/resources/blog/nullifai-broken-pickles-huggingface-attack' },
  { name: 'RAR-wrapped checkpoint (no decoder: reported, never clean)', file: 'model.pt.rar', bytes: cat(L('Rar!\x1a\x07\x01\x00'), Buffer.alloc(64, 0x11)), rule: 'model/compressed-unscannable', source: 'https://safeguard.sh/resources/blog/nullifai-broken-pickles-huggingface-attack' },
  { name: 'npy format 3.0 object array payload', file: 'v3.npy', bytes: npyObject(cat([0x80, 2], L('cos\nsystem\n'), sbu(CMD), [0x85, 0x52, 0x2e]), 3), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'npy structured dtype with an object field', file: 'structured.npy', bytes: npyObject(cat([0x80, 2], L('cos\nsystem\n'), sbu(CMD), [0x85, 0x52, 0x2e]), 1, "[('a', '|O')]"), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/pull/53' },
  { name: 'payload after a large BINBYTES blob (scanners that stop early)', file: 'late_payload.pkl', bytes: cat([0x80, 4, 0x42], u32(3 << 20), Buffer.alloc(3 << 20), [0x30], sbu('os'), sbu('system'), [0x93], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/protectai/modelscan/pull/313' },
  // --- Python 2 names that Python 3 maps (Lib/_compat_pickle.py; applies to protocol 0-2 streams) ---
  { name: 'Python 2 thread.start_new_thread (maps to _thread)', file: 'py2_thread.pkl', bytes: L(`cthread\nstart_new_thread\n(cos\nsystem\n(S'${CMD}'\nttR.`), min: 'critical', source: 'https://github.com/trailofbits/fickling/pull/195' },
  { name: 'Python 2 __builtin__.reduce (maps to functools.reduce)', file: 'py2_reduce.pkl', bytes: p0('__builtin__', 'reduce'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/195' },
  { name: 'Python 2 SimpleHTTPServer (maps to http.server)', file: 'py2_httpserver.pkl', bytes: p0('SimpleHTTPServer', 'test'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'Python 2 SocketServer (maps to socketserver)', file: 'py2_socketserver.pkl', bytes: p0('SocketServer', 'TCPServer'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'Python 2 itertools.imap (maps to builtins.map)', file: 'py2_imap.pkl', bytes: p0('itertools', 'imap'), rule: 'model/pickle-dangerous-global', source: 'https://github.com/trailofbits/fickling/pull/195' },
  // --- third batch: more opcode forms around calls and nesting ---
  { name: 'OBJ whose class comes from the memo', file: 'obj_from_memo.pkl', bytes: L(`cos\nsystem\np0\n0(g0\nS'${CMD}'\no.`), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/22' },
  { name: 'dotted name through protocol-0 GLOBAL after a PROTO 4 (find_class walks attributes)', file: 'global_dotted_p4.pkl', bytes: cat([0x80, 4], L(`cpathlib\nos.system\n`), sbu(CMD), [0x85, 0x52, 0x2e]), min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'nested pickle carried in a BYTEARRAY8 (protocol 5) and passed to pickle.loads', file: 'nested_bytearray8.pkl', bytes: cat([0x80, 5], sbu('pickle'), sbu('loads'), [0x93, 0x96], u64(p0('os', 'system').length), p0('os', 'system'), [0x85, 0x52, 0x2e]), rule: 'model/pickle-nested', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'nested pickle two levels deep', file: 'nested_twice.pkl', bytes: nestLoads(nestLoads(p0('os', 'system'))), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'call hidden in a set built with ADDITEMS', file: 'additems_call.pkl', bytes: cat([0x80, 4, 0x8f, 0x28], sbu('os'), sbu('system'), [0x93], sbu(CMD), [0x85, 0x52, 0x90, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'call result discarded with POP_MARK', file: 'pop_mark_call.pkl', bytes: cat([0x80, 4, 0x28], sbu('os'), sbu('system'), [0x93], sbu(CMD), [0x85, 0x52, 0x31, 0x4e, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  // --- dangerous classes under allowlisted packages (the "subclass of an allowed class" family) ---
  { name: 'a dangerous class re-exported under an allowlisted package (sklearn...Popen)', file: 'allowed_pkg_popen.pkl', bytes: p4('sklearn.utils.fixes', 'Popen'), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'a pickle Unpickler re-exported under an allowlisted package', file: 'allowed_pkg_unpickler.pkl', bytes: p4('transformers.utils', 'Unpickler', '/tmp/x'), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/trailofbits/fickling/pull/210' },
  { name: 'transformers agents tool class (PythonInterpreterTool) instantiated and called', file: 'agents_tool.pkl', bytes: cat([0x80, 4], sbu('transformers.agents.tools'), sbu('PythonInterpreterTool'), [0x93, 0x29, 0x52], sbu('print(1)'), [0x85, 0x52, 0x2e]), min: 'high', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: 'calling an instance of an allowlisted class (its __call__ runs at load time)', file: 'call_instance.pkl', bytes: cat([0x80, 4], sbu('sklearn.preprocessing'), sbu('FunctionTransformer'), [0x93, 0x29, 0x52], sbu(CMD), [0x85, 0x52, 0x2e]), rule: 'model/pickle-indirect-reference', min: 'high', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  // --- __reduce_ex__ output forms ---
  { name: '__reduce_ex__ via copyreg.__newobj__ with a dangerous class as its argument', file: 'reduce_ex_newobj.pkl', bytes: cat([0x80, 2], L('ccopyreg\n__newobj__\n'), L('csubprocess\nPopen\n'), sbu(CMD), [0x86, 0x52, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://github.com/mmaitre314/picklescan/issues/66' },
  { name: '__reduce_ex__ 6-tuple state_setter (protocol 5): setter(obj, state) called by REDUCE', file: 'reduce_ex_state_setter.pkl', bytes: cat([0x80, 5], sbu('os'), sbu('system'), [0x93], L('cbuiltins\nobject\n)\x81'), sbu(CMD), [0x86, 0x52, 0x30, 0x4e, 0x2e]), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://docs.python.org/3/library/pickle.html#object.__reduce__' },
  { name: 'zstd-wrapped pickle named .pkl.zst', file: 'model.pkl.zst', bytes: zstdRaw(p0('os', 'system')), rule: 'model/pickle-dangerous-global', min: 'critical', source: 'https://safeguard.sh/resources/blog/nullifai-broken-pickles-huggingface-attack' },
];

export function setFlag(zip: Buffer, name: string, flag: number, central = true): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.toString('latin1', i + 30, i + 30 + out.readUInt16LE(i + 26)) === name) out.writeUInt16LE(out.readUInt16LE(i + 6) | flag, i + 6);
    if (central && sig === 0x02014b50 && out.toString('latin1', i + 46, i + 46 + out.readUInt16LE(i + 28)) === name) out.writeUInt16LE(out.readUInt16LE(i + 8) | flag, i + 8);
  }
  return out;
}

function badCrc(zip: Buffer, name: string): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.toString('latin1', i + 30, i + 30 + out.readUInt16LE(i + 26)) === name) out.writeUInt32LE(0xdeadbeef, i + 14);
    if (sig === 0x02014b50 && out.toString('latin1', i + 46, i + 46 + out.readUInt16LE(i + 28)) === name) out.writeUInt32LE(0xdeadbeef, i + 16);
  }
  return out;
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

/** `pickle.loads(<inner>)` as a protocol-2 stream (SHORT_BINBYTES / BINBYTES). */
function nestLoads(inner: Buffer): Buffer {
  const len = inner.length < 256 ? cat([0x43, inner.length]) : cat([0x42], u32(inner.length));
  return cat([0x80, 3], L('cpickle\nloads\n'), len, inner, [0x85, 0x52, 0x2e]);
}

/** A zstd frame holding `data` in one raw (stored) block: magic, single-segment header with a 1-byte size, block header. */
function zstdRaw(data: Buffer): Buffer {
  if (data.length > 255) throw new Error('zstdRaw: at most 255 bytes');
  const bh = (data.length << 3) | 1; // last block, type raw
  return cat([0x28, 0xb5, 0x2f, 0xfd, 0x20, data.length, bh & 0xff, (bh >> 8) & 0xff, (bh >> 16) & 0xff], data);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function npyObject(pkl: Buffer, major = 1, descr = "'|O'"): Buffer {
  const pre = major === 1 ? 10 : 12;
  let header = `{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`;
  while ((pre + header.length + 1) % 64) header += ' ';
  header += '\n';
  const h = Buffer.alloc(pre);
  L(`\x93NUMPY${String.fromCharCode(major)}\x00`).copy(h);
  if (major === 1) h.writeUInt16LE(header.length, 8);
  else h.writeUInt32LE(header.length, 8);
  return Buffer.concat([h, L(header), pkl]);
}

